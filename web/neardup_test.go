package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

func TestDocumentPageListsNearDuplicatesWithADiff(t *testing.T) {
	s := newSite(t)
	draft := s.env.Upload("330100", "征求意见稿.txt", testenv.NoticeDraft)
	final := s.env.Upload("330100", "定稿.txt", testenv.NoticeFinal+"\n附：<b>名单</b>。")
	b := s.login("zhou")
	_, body := b.get("/documents/" + draft.ID)
	for _, want := range []string{
		`<section id="neardups"`,
		`<li class="neardup" data-id="` + final.ID + `"><a href="/documents/` + final.ID + `">`,
		`<div id="diff" class="diff card">`,
		`<p class="diff-del">`, `<p class="diff-ins">`,
		"推出1<del>0</del>0门", "推出1<ins>2</ins>0门", // 100 → 120 courses
		"&lt;b&gt;名单&lt;/b&gt;", // the final's text, escaped
		"附\uFF1A&lt;b&gt;",      // its colon as the document writes it (stored as ASCII)
		"相近版本", "另一版本",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the draft's page lacks %q", want)
		}
	}
	if strings.Contains(body, "<b>名单") {
		t.Error("document text reached the page unescaped")
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, " style=") {
		t.Error("the diff brings inline script or style, which the CSP forbids")
	}
	if strings.Contains(body, `class="muted ocr-note"`) {
		t.Error("two born-digital versions are said to hold OCR misreads")
	}
	// From the final's page the diff runs the other way.
	_, body = b.get("/documents/" + final.ID + "?compare=" + draft.ID)
	if !strings.Contains(body, "推出1<del>2</del>0门") || !strings.Contains(body, "推出1<ins>0</ins>0门") {
		t.Errorf("the final's page does not show the change back to the draft")
	}
	// A version read by OCR: the diff says some differences are misreads
	// that the similarity forgives.
	if err := s.env.Catalog.SetStatus(context.Background(), catalog.StatusChange{ID: final.ID, Status: catalog.StatusIndexed,
		Reading: &catalog.Reading{PageSources: []string{catalog.SourceOCR}}}); err != nil {
		t.Fatal(err)
	}
	if _, body = b.get("/documents/" + draft.ID); !strings.Contains(body, `class="muted ocr-note"`) || !strings.Contains(body, "OCR") {
		t.Error("the diff with a version read by OCR does not say its misreads are forgiven")
	}
	// A document with no versions has no such section.
	other := s.env.Upload("330100", "方案.txt", testenv.Unrelated)
	if _, body = b.get("/documents/" + other.ID); strings.Contains(body, `id="neardups"`) {
		t.Error("an unrelated document lists near duplicates")
	}
	// Asking to compare with a document that is not a version shows the list only.
	if resp, body := b.get("/documents/" + draft.ID + "?compare=" + other.ID); resp.StatusCode != 200 || strings.Contains(body, `id="diff"`) {
		t.Errorf("compare with a non-version: %d, diff shown %v", resp.StatusCode, strings.Contains(body, `id="diff"`))
	}
}

func TestSearchPageNotesOtherVersions(t *testing.T) {
	s := newSite(t)
	draft := s.env.Upload("330100", "征求意见稿.txt", testenv.NoticeDraft)
	final := s.env.Upload("330100", "定稿.txt", testenv.NoticeFinal)
	_, body := s.login("zhou").get("/search?q=" + url.QueryEscape("终身学习活动周"))
	if n := strings.Count(body, `<article class="card hit">`); n != 1 {
		t.Errorf("%d hits shown for a draft and its final, want 1", n)
	}
	if !strings.Contains(body, "另有 1 个相近版本") {
		t.Errorf("the hit does not say 另有 1 个相近版本")
	}
	// The count says what is listed: one group of the two documents.
	if want := "共 1 组\uFF0C2 份文档"; !strings.Contains(textOf(body), want) || strings.Contains(textOf(body), "共 2 条结果") {
		t.Errorf("the count does not say %q: %.300s", want, textOf(body))
	}
	en := s.login("zhou")
	en.english()
	if _, body := en.get("/search?q=" + url.QueryEscape("终身学习活动周")); !strings.Contains(textOf(body), "1 group of 2 documents") {
		t.Errorf("the English count does not say 1 group of 2 documents: %.300s", textOf(body))
	}
	if !strings.Contains(body, "/documents/"+draft.ID+"#neardups") && !strings.Contains(body, "/documents/"+final.ID+"#neardups") {
		t.Error("the note does not link to the versions")
	}
}

// TestDocumentPageNamesUnreadablePages: a page whose text was garbage (a
// damaged font) is empty in the index; the document's page says so, on the
// page itself and among its details, in the reader's language.
func TestDocumentPageNamesUnreadablePages(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "方案.txt", testenv.Unrelated)
	b := s.login("zhou")
	if _, body := b.get("/documents/" + doc.ID); strings.Contains(body, `class="unreadable"`) || strings.Contains(body, "乱码") {
		t.Fatal("a document read whole says a page is unreadable")
	}
	if err := s.env.Catalog.SetStatus(context.Background(), catalog.StatusChange{ID: doc.ID, Status: catalog.StatusIndexed,
		Reading: &catalog.Reading{PageSources: []string{catalog.SourceUnreadable}}}); err != nil {
		t.Fatal(err)
	}
	_, body := b.get("/documents/" + doc.ID)
	for _, want := range []string{"第 1 页\uFF1A文字无法正确解码\uFF08乱码\uFF09", `<dd class="unreadable">` + "第 1 页\uFF08检索不到其中的文字"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Chinese page lacks %q", want)
		}
	}
	b.english()
	_, body = b.get("/documents/" + doc.ID)
	for _, want := range []string{"Page 1: its text could not be decoded", `<dd class="unreadable">page 1 (search does not find their words`} {
		if !strings.Contains(body, want) {
			t.Errorf("the English page lacks %q", want)
		}
	}
}

// TestDocumentPageSaysWhereSearchStops: a text longer than the index takes
// says, on the document's page and in the reader's language, from which
// page search does not find it and what to do; the API's text says the
// same in numbers. A short one says nothing.
func TestDocumentPageSaysWhereSearchStops(t *testing.T) {
	s := newSite(t)
	short := s.env.Upload("330100", "方案.txt", testenv.Unrelated)
	long := s.env.Upload("330100", "统计年鉴.txt", strings.Repeat("推进学习型城市建设工作。", 42_000)+"学分银行")
	b := s.login("zhou")
	if _, body := b.get("/documents/" + short.ID); strings.Contains(body, `id="index-cut"`) {
		t.Error("a short document says search stops in it")
	}
	_, body := b.get("/documents/" + long.ID)
	if want := "本文件的文字超过全文检索的上限\uFF0850 万字\uFF09\uFF1A检索只收录到第 1 页中途\uFF0C此后的文字检索不到"; !strings.Contains(body, want) {
		t.Errorf("the Chinese page lacks %q", want)
	}
	b.english()
	if _, body = b.get("/documents/" + long.ID); !strings.Contains(body, "(500,000 characters): search takes it up to partway through page 1") {
		t.Error("the English page does not say where search stops")
	}
}

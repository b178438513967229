package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
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

// TestNearDuplicateDiffIsKeptPerText: the diff a document page shows is
// kept for the pair of stored texts it compares, so a view does not
// compare two long versions again, and is made anew once a text is read
// again (its hash changes); one that cannot be computed now, the budget
// for long texts being in use, leaves the list with a note, not an error
// page.
func TestNearDuplicateDiffIsKeptPerText(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	draft := s.env.Upload("330100", "征求意见稿.txt", testenv.NoticeDraft)
	final := s.env.Upload("330100", "定稿.txt", testenv.NoticeFinal)
	b := s.login("zhou")
	if _, body := b.get("/documents/" + draft.ID); !strings.Contains(body, "推出1<ins>2</ins>0门") {
		t.Fatalf("the draft's page does not show the diff")
	}
	// The final's stored text changed under the same recorded hash: the
	// kept diff is shown.
	text, err := ingest.LoadText(ctx, s.env.Blobs, final.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	changed := *text
	changed.Pages = []string{strings.ReplaceAll(strings.Join(text.Pages, "\n"), "推出120门", "推出150门")}
	old, err := s.env.Catalog.TextHashOf(ctx, final.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.env.SaveText(final.SHA256, &changed)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.env.Catalog.RecordTextHash(ctx, final.SHA256, old); err != nil {
		t.Fatal(err)
	}
	if _, body := b.get("/documents/" + draft.ID); !strings.Contains(body, "推出1<ins>2</ins>0门") {
		t.Errorf("the diff was compared again under the same texts' hashes")
	}
	// Read anew (its hash recorded), it is compared again — within the
	// budget for long texts, which is taken now.
	if err := s.env.Catalog.RecordTextHash(ctx, final.SHA256, h); err != nil {
		t.Fatal(err)
	}
	// Room for the page shown, not for both texts compared (5 a byte).
	hd, err := s.env.Catalog.TextHashOf(ctx, draft.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	release, err := s.env.Documents.HoldTextBudget(documents.DefaultTextBudget - 5*(hd.Size+h.Size) + 1)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := b.get("/documents/" + draft.ID)
	if resp.StatusCode != 200 || !strings.Contains(body, `class="card muted diff-note"`) || !strings.Contains(body, `data-id="`+final.ID+`"`) {
		t.Errorf("with the budget taken: %d, note shown %v", resp.StatusCode, strings.Contains(body, "diff-note"))
	}
	release()
	if _, body := b.get("/documents/" + draft.ID); !strings.Contains(body, "推出1<ins>5</ins>0门") {
		t.Errorf("the text read anew was not compared again")
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

// TestDocumentPageShowsALongPageInParts: a text file without page breaks
// is one page however long; its page shows it a part at a time, says so,
// and 下一页 leads through the parts to its end.
func TestDocumentPageShowsALongPageInParts(t *testing.T) {
	s := newSite(t)
	text := strings.Repeat("推进学习型城市建设工作。", 42_000) + "学分银行累计存入学分。"
	long := s.env.Upload("330100", "统计年鉴.txt", text)
	parts := (len(text) + documents.PartBytes - 1) / documents.PartBytes
	b := s.login("zhou")
	_, body := b.get("/documents/" + long.ID)
	if want := fmt.Sprintf("本页文字较长\uFF0C分 %d 段显示\uFF0C这是第 1 段", parts); !strings.Contains(body, want) {
		t.Errorf("the first part's page lacks %q", want)
	}
	if strings.Contains(body, "学分银行累计存入学分") || strings.Count(body, "推进学习型城市建设工作") > documents.PartBytes/36+100 {
		t.Errorf("the first part's page shows more than a part")
	}
	if want := "page=1&amp;part=2#text"; !strings.Contains(body, want) {
		t.Errorf("the first part's 下一页 does not lead to part 2 (%q)", want)
	}
	_, body = b.get(fmt.Sprintf("/documents/%s?page=1&part=%d", long.ID, parts))
	if !strings.Contains(body, "学分银行累计存入学分") || strings.Contains(body, `rel="next"`) {
		t.Errorf("the last part's page does not show the page's end, or offers a next part")
	}
	if want := fmt.Sprintf("page=1&amp;part=%d#text", parts-1); !strings.Contains(body, want) {
		t.Errorf("the last part's 上一页 does not lead to part %d (%q)", parts-1, want)
	}
}

// TestDocumentPageFindsPastTheIndex: the document page's find looks
// through the whole text, and finds what search cannot (past where the
// index stops), saying so, with a link to the part where it is.
func TestDocumentPageFindsPastTheIndex(t *testing.T) {
	s := newSite(t)
	text := strings.Repeat("推进学习型城市建设工作。", 42_000) + "老年大学共有学员三千人。"
	long := s.env.Upload("330100", "统计年鉴.txt", text)
	parts := (len(text) + documents.PartBytes - 1) / documents.PartBytes
	b := s.login("zhou")
	_, body := b.get("/documents/" + long.ID + "?find=" + url.QueryEscape("三千人"))
	for _, want := range []string{
		"\u201C三千人\u201D在本文件中出现 1 次\uFF0C分布在 1 页上",
		"此处全文检索检索不到",
		"<mark>三千人</mark>",
		fmt.Sprintf("page=1&part=%d&find=%%e4%%b8%%89%%e5%%8d%%83%%e4%%ba%%ba", parts),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page found 三千人 without %q", want)
		}
	}
	if _, body = b.get("/documents/" + long.ID + "?find=" + url.QueryEscape("终身教育")); !strings.Contains(body, `id="find-none"`) {
		t.Error("a string not in the document is not said to be missing")
	}
}

// TestDocumentPageSaysPartOf: the page of a scan of page 1 of the notice
// 杭教发〔2023〕5号 says it is part of the notice (部分重复), with how much
// of its text the notice has; the notice's page says the scan is part of
// it; in English too.
func TestDocumentPageSaysPartOf(t *testing.T) {
	s := newSite(t)
	notice := s.env.Upload("330100", "学分银行通知.txt", testenv.PartNotice)
	scan := s.env.Upload("330100", "扫描件.txt", testenv.PartNoticeScan)
	b := s.login("zhou")
	_, body := b.get("/documents/" + scan.ID)
	if want := `<li class="neardup" data-id="` + notice.ID + `">`; !strings.Contains(body, want) || !strings.Contains(body, "部分重复\uFF1A本文档是它的一部分\uFF08本文档 ") {
		t.Errorf("the scan's page does not say it is part of the notice")
	}
	_, body = b.get("/documents/" + notice.ID)
	if !strings.Contains(body, "部分重复\uFF1A它是本文档的一部分") || strings.Contains(body, "相似度 ") {
		t.Errorf("the notice's page does not say the scan is part of it, or gives it a similarity")
	}
	b.english()
	_, body = b.get("/documents/" + scan.ID)
	if !strings.Contains(body, "part of it: this document is a part of it (") {
		t.Errorf("the English page of the scan does not say it is part of the notice")
	}
}

// TestEveryRelationHasWords: the document page names each relation of a
// near duplicate by a word of the catalogue (the template asks for it by
// a key it is given, which TestTemplatesUseKnownWords cannot see).
func TestEveryRelationHasWords(t *testing.T) {
	for _, r := range []catalog.Relation{catalog.Near, catalog.PartOf, catalog.HasPart} {
		if _, ok := messages[relationLabels[r]]; !ok {
			t.Errorf("relation %s has no words (key %q)", r, relationLabels[r])
		}
	}
}

package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestDocumentPageMarksFieldsAPersonEdited: a field a coordinator corrects
// in the edit form is marked 已人工修改 with who did it and when, on the
// form and on the read-only page an expert sees; the fields left as read
// keep 自动识别 and no such mark.
func TestDocumentPageMarksFieldsAPersonEdited(t *testing.T) {
	s := newSite(t)
	d := uploadUntypedNotice(t, s)
	wang := s.login("wang")
	if _, body := wang.get("/documents/" + d.ID); strings.Contains(body, `class="edited"`) || strings.Contains(textOf(body), "已人工修改") {
		t.Fatalf("a document nobody edited shows 已人工修改: %.500s", textOf(body))
	}
	form := url.Values{"title": {d.Title}, "doc_type": {"honor"}, "issuer": {"杭州市教育局办公室"}, "doc_number": {"杭教〔2017〕4号"},
		"issued_on": {d.IssuedOn}, "department": {d.Department}, "round": {d.Round}}
	if resp, body := wang.post("/documents/"+d.ID, form); resp.StatusCode != http.StatusOK {
		t.Fatalf("edit: %d %.300s", resp.StatusCode, textOf(body))
	}
	mark := regexp.MustCompile(`已人工修改 \x{FF08}wang\x{FF0C}\d{4}-\d\d-\d\d \d\d:\d\d[^\x{FF09}]*\x{FF09}`)
	for _, who := range []string{"wang", "zhou"} {
		_, page := s.login(who).get("/documents/" + d.ID)
		body := metaSection(t, page)
		text := html.UnescapeString(textOf(body))
		if n := strings.Count(body, `class="edited"`); n != 2 {
			t.Errorf("%s: %d fields marked edited, want 2 (文号 and issuer): %.800s", who, n, text)
		}
		if n := len(mark.FindAllString(text, -1)); n != 2 {
			t.Errorf("%s: %d marks say 已人工修改 (wang, time), want 2: %.800s", who, n, text)
		}
		// 文号 and issuer are the ones marked: each mark follows its label.
		for _, label := range []string{"文号", "发文机关"} {
			if !regexp.MustCompile(label + `( \S+)? 已人工修改`).MatchString(text) {
				t.Errorf("%s: %s is not marked 已人工修改: %.800s", who, label, text)
			}
		}
		if date := regexp.MustCompile(`成文日期( \S+)? 自动识别( 已人工修改)?`).FindStringSubmatch(text); date == nil || date[2] != "" {
			t.Errorf("%s: the date kept as read should stay 自动识别 only: %.800s", who, text)
		}
	}
}

// metaSection is the document page's metadata section (form or list).
func metaSection(t *testing.T, page string) string {
	t.Helper()
	start := strings.Index(page, `id="metah"`)
	if start < 0 {
		t.Fatalf("no metadata section on the page: %.500s", textOf(page))
	}
	end := strings.Index(page[start:], "</section>")
	if end < 0 {
		t.Fatalf("the metadata section has no end")
	}
	return page[start : start+end]
}

package web

import (
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestEnglishCountsAgree: a count of one names one thing, any other
// count several, in every message with choices of forms; Chinese has no
// forms to choose; a message as a format (tr, for fmt.Sprintf and the
// scripts) reads as it did, with four %d and no braces.
func TestEnglishCountsAgree(t *testing.T) {
	for _, tt := range []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{English, "search.total", []any{uint64(1)}, "1 result"},
		{English, "search.total", []any{0}, "0 results"},
		{English, "search.total", []any{uint64(21)}, "21 results"},
		{English, "upload.totals", []any{10, 5, 1, 4}, "10 files: 5 stored, 1 duplicate, 4 failed"},
		{English, "upload.totals", []any{1, 1, 0, 0}, "1 file: 1 stored, 0 duplicates, 0 failed"},
		{English, "upload.totals", []any{2, 0, 2, 0}, "2 files: 0 stored, 2 duplicates, 0 failed"},
		{English, "compare.docs", []any{1}, "1 document"},
		{English, "compare.docs", []any{3}, "3 documents"},
		{English, "docs.count", []any{1}, "1 document"},
		{English, "search.relax", []any{"Year", "2018", uint64(1)}, "Without “Year=2018”: 1 result"},
		{English, "carry.done", []any{2017, 4, 1, 2, 1}, "Carried from round 2017: 4 new items — 1 link, 2 claims, 1 value, all to re-confirm (nothing carried before is carried again)"},
		{English, "carry.done", []any{2017, 1, 0, 1, 0}, "Carried from round 2017: 1 new item — 0 links, 1 claim, 0 values, all to re-confirm (nothing carried before is carried again)"},
		{English, "login.throttled", []any{1}, "Too many failed logins; try again in 1 minute"},
		{English, "docs.bulk.round_left", []any{1, "2018"}, "; the round of 1 document was left as it was and its other changes were saved: it belongs to another round, and changing its round would take it out of it; it counts only through a link in round 2018"},
		{English, "docs.bulk.round_left", []any{2, "2018"}, "; the round of 2 documents was left as it was and their other changes were saved: they belong to another round, and changing their round would take them out of it; they count only through a link in round 2018"},
		{Chinese, "search.total", []any{1}, "共 1 条结果"},
		{Chinese, "compare.docs", []any{1}, "1 份文档"},
	} {
		if got := trf(tt.lang, tt.key, tt.args...); got != tt.want {
			t.Errorf("trf(%s, %s, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
	if got, want := tr(English, "upload.totals"), "%d files: %d stored, %d duplicates, %d failed"; got != want {
		t.Errorf("tr(English, upload.totals) = %q, want the format %q", got, want)
	}
	for key, m := range messages {
		if s := tr(English, key); strings.ContainsAny(s, "{|}") && catalog.OtherForms(m[English]) != m[English] {
			t.Errorf("tr(English, %s) = %q keeps a choice of forms", key, s)
		}
	}
}

// TestEnglishPagesCountInTheRightForm: one search result, one file
// uploaded without the script, one linked document in the comparison
// are each named in the singular on English pages.
func TestEnglishPagesCountInTheRightForm(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := s.login("wang")
	wang.post("/documents/"+doc.ID+"/links", map[string][]string{"indicator": {"2.3.1"}})
	wang.english()

	_, body := wang.get("/search?q=" + url.QueryEscape("学分银行"))
	if text := textOf(body); !strings.Contains(text, "1 result ") || strings.Contains(text, "1 results") {
		t.Errorf("English search with one hit: %.300s", text)
	}
	_, body = wang.get("/compare?city=330100&rounds=2017,2018")
	i := strings.Index(body, `<tr data-code="2.3.1">`)
	if i < 0 {
		t.Fatalf("the comparison has no row for 2.3.1: %.400s", textOf(body))
	}
	row := body[i:]
	if text := textOf(row[:strings.Index(row, "</tr>")]); !strings.Contains(text, "Evidence · 1 document") || strings.Contains(text, "1 documents") {
		t.Errorf("English comparison of 2.3.1 with one document: %.300s", text)
	}
	_, body = wang.postMultipart("/upload", map[string]string{"city": "330100", "doc_type": "work_summary"}, "总结.txt", []byte("杭州市社区教育工作总结"))
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "1 file: 1 stored, 0 duplicates, 0 failed") {
		t.Errorf("English upload of one file without the script: %.600s", text)
	}
	// The script counts with the format and chooses the forms itself
	// (upload.js fill): 1 duplicate, 2 duplicates.
	if !strings.Contains(body, `data-totals="%d {file|files}: %d stored, %d {duplicate|duplicates}, %d failed"`) {
		t.Errorf("the upload page gives the script no totals format: %.300s", body[strings.Index(body, "data-totals"):])
	}
}

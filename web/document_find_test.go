package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestDocumentPageFindShowsPunctuationInPlace: a comma found between two
// Chinese words is shown full-width, as it reads in its snippet, not
// judged alone (where nothing Chinese is next to it).
func TestDocumentPageFindShowsPunctuationInPlace(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "通知.txt", "各区、县(市)人民政府,市政府各部门、各直属单位:现将学分银行建设方案印发给你们。")
	b := s.login("zhou")
	_, body := b.get("/documents/" + d.ID + "?find=" + url.QueryEscape(","))
	if want := "人民政府<mark>\uFF0C</mark>市政府各部门"; !strings.Contains(body, want) {
		i := strings.Index(body, `class="frag"`)
		t.Errorf("find of a comma between Chinese words: %q, want %q", body[max(i, 0):min(len(body), max(i, 0)+300)], want)
	}
}

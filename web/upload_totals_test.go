package web

import (
	"html"
	"strings"
	"testing"
)

// TestUploadTotalsKeepTheirChoiceOfForms: the upload page gives its
// script the totals line with its choices of forms, so that an English
// summary says “1 duplicate”, not “1 duplicates” (probe s27 finding 17);
// the Chinese line is as it was.
func TestUploadTotalsKeepTheirChoiceOfForms(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	tests := []struct {
		english bool
		want    string
	}{
		{false, `data-totals="%d 个文件：已保存 %d，重复 %d，失败 %d"`},
		{true, `data-totals="%d {file|files}: %d stored, %d {duplicate|duplicates}, %d failed"`},
	}
	for _, tt := range tests {
		if tt.english {
			admin.english()
		}
		_, body := admin.get("/upload")
		if !strings.Contains(html.UnescapeString(body), tt.want) {
			t.Errorf("/upload (English %v): no %s", tt.english, tt.want)
		}
	}
}

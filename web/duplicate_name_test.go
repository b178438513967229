package web

import (
	"html"
	"strings"
	"testing"
)

// TestDuplicateNoticeNamesTheStoredFile: the same bytes sent again under
// another name: the upload page names the file sent and says it is the
// stored file under its own name, in Chinese and in English.
func TestDuplicateNoticeNamesTheStoredFile(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	const text = "人社局2018年职工培训情况:全年开展职业技能培训342场。"
	fields := map[string]string{"city": "330100", "doc_type": "work_summary", "round": "2018"}
	if resp, body := admin.postMultipart("/upload", fields, "人社局培训情况.txt", []byte(text)); resp.StatusCode != 200 {
		t.Fatalf("first upload: %d %.600s", resp.StatusCode, textOf(body))
	}
	for _, tt := range []struct {
		english bool
		want    string
	}{
		{false, "改名的文件.txt \uFF1A 重复文件\uFF1A与已保存的“人社局培训情况.txt”是同一文件"},
		{true, "改名的文件.txt : Duplicate: the same file as the stored “人社局培训情况.txt”"},
	} {
		if tt.english {
			admin.english()
		}
		resp, body := admin.postMultipart("/upload", fields, "改名的文件.txt", []byte(text))
		if got := html.UnescapeString(textOf(body)); resp.StatusCode != 200 || !strings.Contains(got, tt.want) {
			t.Errorf("duplicate upload (English %v): %d, want %q in %.1500s", tt.english, resp.StatusCode, tt.want, got)
		}
	}
}

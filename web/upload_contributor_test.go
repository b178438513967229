package web

import (
	"html"
	"net/http"
	"strings"
	"testing"
)

// TestContributorUploadGoesToTasks: 市教育局's contributor (jiaoyu), who
// hands its files in on 我的任务, opening 上传 is taken there (303, not a
// bare 403) and told once, in its language, where and how to hand files
// in; an expert opening 上传 is still refused, and so is the contributor's
// upload form (labels_test.go: TestDeniedPagesSayWhyInWords).
func TestContributorUploadGoesToTasks(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	for _, tt := range []struct {
		user    string
		english bool
		status  int
		// flash is what 我的任务 says after the redirect; "" for none.
		flash string
	}{
		{"jiaoyu", false, http.StatusSeeOther, "部门联系人在“我的任务”中提交材料\uFF1A在对应任务下选择文件\uFF0C点“提交材料”"},
		{"jiaoyu", true, http.StatusSeeOther, "Departments hand files in on My tasks: choose the files under the task they are for and press Hand in"},
		{"zhou", false, http.StatusForbidden, ""},
	} {
		b := s.login(tt.user)
		if tt.english {
			b.english()
		}
		b.c.CheckRedirect = noRedirects
		resp, _ := b.get("/upload")
		b.c.CheckRedirect = nil
		if resp.StatusCode != tt.status {
			t.Fatalf("%s (English %v) GET /upload: %d, want %d", tt.user, tt.english, resp.StatusCode, tt.status)
		}
		if tt.flash == "" {
			continue
		}
		if where := resp.Header.Get("Location"); where != "/tasks" {
			t.Errorf("%s (English %v): /upload sends to %q, want /tasks", tt.user, tt.english, where)
		}
		resp, body := b.get("/tasks")
		if text := html.UnescapeString(textOf(body)); resp.StatusCode != http.StatusOK || !strings.Contains(text, tt.flash) {
			t.Errorf("%s (English %v): 我的任务 after /upload: %d, does not say %q: %.600s", tt.user, tt.english, resp.StatusCode, tt.flash, text)
		}
		if _, again := b.get("/tasks"); strings.Contains(html.UnescapeString(textOf(again)), tt.flash) {
			t.Errorf("%s (English %v): 我的任务 says where to hand in again on the next visit", tt.user, tt.english)
		}
	}
}

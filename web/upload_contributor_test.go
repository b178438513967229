package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestContributorUploadGoesToTasks: 市教育局's contributor (jiaoyu), who
// hands its files in on 我的任务, opening 上传 is taken there (303 to
// /tasks?from=upload, not a bare 403) and told, in its language, where and
// how to hand files in; the words come with the address, not a cookie,
// which a link from the OA system or WeChat would not carry (SameSite) and
// which would then surface on the next page opened. An expert opening 上传
// is still refused, and so is the contributor's upload form
// (labels_test.go: TestDeniedPagesSayWhyInWords).
func TestContributorUploadGoesToTasks(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	for _, tt := range []struct {
		user    string
		english bool
		status  int
		// notice is what 我的任务 says after the redirect; "" for none.
		notice string
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
		if tt.notice == "" {
			continue
		}
		if where := resp.Header.Get("Location"); where != "/tasks?from=upload" {
			t.Errorf("%s (English %v): /upload sends to %q, want /tasks?from=upload", tt.user, tt.english, where)
		}
		for _, c := range resp.Cookies() {
			if c.Name == flashCookie {
				t.Errorf("%s (English %v): /upload sets the flash cookie %q, which a page opened later would show", tt.user, tt.english, c.Value)
			}
		}
		resp, body := b.get("/tasks?from=upload")
		if text := html.UnescapeString(textOf(body)); resp.StatusCode != http.StatusOK || !strings.Contains(text, tt.notice) {
			t.Errorf("%s (English %v): 我的任务 after /upload: %d, does not say %q: %.600s", tt.user, tt.english, resp.StatusCode, tt.notice, text)
		}
		for _, later := range []string{"/tasks", "/account"} {
			if _, again := b.get(later); strings.Contains(html.UnescapeString(textOf(again)), tt.notice) {
				t.Errorf("%s (English %v): %s, opened after 我的任务, says where to hand in too", tt.user, tt.english, later)
			}
		}
	}
}

// TestTasksNoticeOnlyFromItsSet: ?from= picks one of the server's own
// sentences; any other value, or words of a link's own, show nothing and
// are not echoed, so a link from elsewhere cannot put text on 我的任务.
func TestTasksNoticeOnlyFromItsSet(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	b := s.login("jiaoyu")
	for _, tt := range []struct {
		from string
		// echo is the part of from that must not appear on the page; ""
		// when from's words are too common to tell.
		echo string
	}{
		{"", ""},
		{"Upload", ""},
		{"upload ", ""},
		{"请立即把材料发到邮箱", "请立即把材料发到邮箱"},
		{"<b>速交</b>", "速交"},
	} {
		resp, body := b.get("/tasks?from=" + url.QueryEscape(tt.from))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /tasks?from=%q: %d", tt.from, resp.StatusCode)
		}
		if strings.Contains(body, `class="flash"`) {
			t.Errorf("/tasks?from=%q shows a notice: %.600s", tt.from, html.UnescapeString(textOf(body)))
		}
		if tt.echo != "" && strings.Contains(body, tt.echo) {
			t.Errorf("/tasks?from=%q puts %q on the page", tt.from, tt.echo)
		}
	}
}

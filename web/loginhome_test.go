package web

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

var nextField = regexp.MustCompile(`name="next" value="([^"]*)"`)

// TestLoginLandsAtTheUsersHome: a department's contributor signing in
// without a page to go back to opens 我的任务 (/tasks), as README says; a
// coordinator opens search; a page asked for (next) is kept for both. The
// probe's contributor landed on /search.
func TestLoginLandsAtTheUsersHome(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行。")
	for _, tc := range []struct{ user, next, want string }{
		{"jiaoyu", "", "/tasks"},
		{"wang", "", "/search"},
		{"jiaoyu", "/documents/" + doc.ID, "/documents/" + doc.ID},
		{"wang", "/documents/" + doc.ID, "/documents/" + doc.ID},
	} {
		b := &browser{s: s, name: tc.user, c: &http.Client{Jar: newJar()}}
		// The login form carries the next it was opened with.
		_, page := b.get("/login?next=" + url.QueryEscape(tc.next))
		m := nextField.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("the login form has no next field: %.500s", page)
		}
		resp, body := b.post("/login", url.Values{"username": {tc.user}, "password": {testenv.Password}, "next": {m[1]}})
		if resp.StatusCode != 200 || resp.Request.URL.Path != tc.want {
			t.Errorf("%s signing in with next=%q: %d at %s, want %s: %.300s", tc.user, tc.next, resp.StatusCode, resp.Request.URL.Path, tc.want, textOf(body))
		}
	}
}

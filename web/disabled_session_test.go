package web

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// A page asked for, or a form sent, with the session of an account
// disabled meanwhile answers the login form saying 账号已停用，请联系管理员,
// not a silent redirect to the login, whose 用户名或密码错误 then made the
// person doubt their password. A session unknown to the catalog still
// leads to the login form without those words.
func TestADisabledAccountsSessionIsToldSo(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	if err := s.env.Catalog.SetDisabled(context.Background(), "wang", true, "cli"); err != nil {
		t.Fatal(err)
	}
	resp, body := wang.get("/search?q=学分银行")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "账号已停用，请联系管理员") || !strings.Contains(body, `name="password"`) {
		t.Errorf("a page with the session of a disabled account: %d at %s, want 401 and the login form saying 账号已停用，请联系管理员: %.300s",
			resp.StatusCode, resp.Request.URL, textOf(body))
	}
	resp, body = wang.post("/saved-searches", url.Values{"name": {"学分银行"}, "q": {"学分银行"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "账号已停用，请联系管理员") {
		t.Errorf("a form sent with the session of a disabled account: %d, want 401 saying 账号已停用，请联系管理员: %.300s", resp.StatusCode, textOf(body))
	}
	u, _ := url.Parse(s.srv.URL)
	wang.c.Jar.SetCookies(u, []*http.Cookie{{Name: langCookie, Value: string(English)}})
	if _, body := wang.get("/search"); !strings.Contains(body, "Your account is disabled; contact the administrator") {
		t.Errorf("an English page with the session of a disabled account: %.300s, want it to say the account is disabled", textOf(body))
	}

	jar, _ := cookiejar.New(nil)
	stranger := &browser{s: s, c: &http.Client{Jar: jar}}
	jar.SetCookies(u, []*http.Cookie{{Name: "evidence_session", Value: "no-such-session"}})
	resp, body = stranger.get("/search")
	if resp.Request.URL.Path != "/login" || resp.StatusCode != 200 || strings.Contains(body, "停用") {
		t.Errorf("a page with an unknown session: %d at %s, want the login form without 停用", resp.StatusCode, resp.Request.URL)
	}
}

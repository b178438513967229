package web

import (
	"context"
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAccountPageTokens: any user makes an API token on 我的账户, sees its
// secret once, and revokes it; the token works for the API until then.
func TestAccountPageTokens(t *testing.T) {
	s := newSite(t)
	zhou := s.login("zhou") // an expert: not an admin
	resp, body := zhou.get("/account")
	if text := textOf(body); resp.StatusCode != 200 || !strings.Contains(text, "我的账户") || !strings.Contains(text, "访问令牌") {
		t.Fatalf("account page: %d %.300s", resp.StatusCode, text)
	}
	if _, body := zhou.post("/account/tokens", url.Values{"label": {" "}}); !strings.Contains(html.UnescapeString(textOf(body)), "请为令牌写一个用途") {
		t.Errorf("a token without a purpose: %.300s", textOf(body))
	}
	_, body = zhou.post("/account/tokens", url.Values{"label": {"上报脚本"}})
	m := regexp.MustCompile(`<code>([^<]+)</code>`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(html.UnescapeString(textOf(body)), "只显示这一次") {
		t.Fatalf("no token shown: %.400s", textOf(body))
	}
	token := m[1]
	// The token as the API reads it (the web site alone has no API).
	api := func() int {
		req, _ := http.NewRequest("GET", "/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if c, err := s.env.Auth.Authenticate(req); err != nil || c.User.Username != "zhou" {
			return 401
		}
		return 200
	}
	if got := api(); got != 200 {
		t.Fatalf("the new token: %d", got)
	}
	if _, body := zhou.get("/account"); strings.Contains(body, token) || !strings.Contains(textOf(body), "上报脚本") {
		t.Errorf("the account page lists the token by its purpose, never its secret: %.400s", textOf(body))
	}
	_, body = zhou.get("/account")
	row := body[strings.Index(body, "上报脚本"):]
	i := strings.Index(row, `action="/account/tokens/`)
	if i < 0 {
		t.Fatal("no revoke button")
	}
	action := row[i+len(`action="`):]
	action = action[:strings.Index(action, `"`)]
	// 撤销 asks first, as 停用 does: one click cuts off a script.
	_, body = zhou.post(action, url.Values{})
	if !strings.Contains(html.UnescapeString(textOf(body)), "确定撤销 zhou 的访问令牌“上报脚本”吗") || !strings.Contains(body, `name="confirm" value="1"`) {
		t.Errorf("revoke asks nothing: %.300s", textOf(body))
	}
	if got := api(); got != 200 {
		t.Errorf("a token asked about: %d, want 200 (still valid until confirmed)", got)
	}
	_, body = zhou.post(action, url.Values{"confirm": {"1"}})
	if !strings.Contains(html.UnescapeString(textOf(body)), "已撤销令牌“上报脚本”") {
		t.Errorf("revoke: %.300s", textOf(body))
	}
	if got := api(); got != 401 {
		t.Errorf("a revoked token: %d, want 401", got)
	}
}

// TestAccountPagePassword: a user changes their own password there; a
// wrong current password or two different new ones are said beside their
// field; once changed, the session ends and the new password signs in.
func TestAccountPagePassword(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	tests := []struct {
		form  url.Values
		field string
		want  string
	}{
		{url.Values{"current": {testenv.Password}, "password": {"新密码-2026-abc"}, "confirm": {"新密码-2026-abd"}}, "pw-confirm-err", "两次输入的新密码不一致"},
		{url.Values{"current": {"不对的密码"}, "password": {"新密码-2026-abc"}, "confirm": {"新密码-2026-abc"}}, "pw-current-err", "当前密码不正确"},
	}
	for _, tt := range tests {
		resp, body := wang.post("/account/password", tt.form)
		if resp.StatusCode != 400 || !strings.Contains(body, `id="`+tt.field+`"`) || !strings.Contains(html.UnescapeString(textOf(body)), tt.want) {
			t.Errorf("%v: %d, want 400 with %q beside %s: %.300s", tt.form, resp.StatusCode, tt.want, tt.field, textOf(body))
		}
		if strings.Contains(body, "新密码-2026") || strings.Contains(body, testenv.Password) {
			t.Errorf("a password is typed back into the page")
		}
	}
	resp, body := wang.post("/account/password", url.Values{"current": {testenv.Password}, "password": {"新密码-2026-abc"}, "confirm": {"新密码-2026-abc"}})
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/login" || !strings.Contains(html.UnescapeString(textOf(body)), "密码已修改") {
		t.Fatalf("change: %d at %s: %.300s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	if resp, _ := wang.get("/account"); resp.Request.URL.Path != "/login" {
		t.Errorf("the old session still works after the change: at %s", resp.Request.URL)
	}
	b := &browser{s: s, name: "wang", c: &http.Client{Jar: wang.c.Jar}}
	resp, _ = b.post("/login", url.Values{"username": {"wang"}, "password": {"新密码-2026-abc"}})
	if resp.StatusCode != 200 || resp.Request.URL.Path == "/login" {
		t.Errorf("login with the new password: %d at %s", resp.StatusCode, resp.Request.URL)
	}
}

// TestAdminResetsAPassword: an admin gives a user who forgot theirs a new
// password, shown once; the user's old one stops working and the new one
// signs in.
func TestAdminResetsAPassword(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	resp, body := admin.post("/admin/users/wang/password", url.Values{"confirm": {"1"}})
	m := regexp.MustCompile(`已为 wang 生成新密码\x{FF1A}(\S+?)\x{FF08}`).FindStringSubmatch(html.UnescapeString(textOf(body)))
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("reset: %d %.400s", resp.StatusCode, textOf(body))
	}
	for pw, wantIn := range map[string]bool{testenv.Password: false, m[1]: true} {
		b := &browser{s: s, name: "wang", c: &http.Client{Jar: newJar()}}
		resp, _ := b.post("/login", url.Values{"username": {"wang"}, "password": {pw}})
		if in := resp.Request.URL.Path != "/login"; in != wantIn {
			t.Errorf("login with %s password: signed in %v, want %v", map[bool]string{false: "the old", true: "the new"}[wantIn], in, wantIn)
		}
	}
}

func newJar() http.CookieJar {
	jar, _ := cookiejar.New(nil)
	return jar
}

// TestNotFoundKeepsTheMenu: a page that is not there, asked for by a
// signed-in user, answers 404 with the menu to go on from; a visitor
// gets the 404 too, not the login page.
func TestNotFoundKeepsTheMenu(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	resp, body := wang.get("/nonexistent")
	if resp.StatusCode != 404 || !strings.Contains(body, `action="/logout"`) || !strings.Contains(body, `href="/account"`) {
		t.Errorf("signed in: %d, want 404 with the menu: %.300s", resp.StatusCode, textOf(body))
	}
	resp, body = (&browser{s: s, c: &http.Client{Jar: newJar()}}).get("/nonexistent")
	if resp.StatusCode != 404 || strings.Contains(body, `action="/logout"`) {
		t.Errorf("a visitor: %d %.300s", resp.StatusCode, textOf(body))
	}
}

func TestShortenIn(t *testing.T) {
	en := "City-level decision or plan on building a learning city, issued by the city government"
	if got := shortenIn(English, en, 24); got != "City-level decision or plan on building a…" {
		t.Errorf("English: %q", got)
	}
	if got := shortenIn(Chinese, "市委市政府出台推进学习型城市建设的决定、意见或规划", 10); got != "市委市政府出台推进学…" {
		t.Errorf("Chinese: %q", got)
	}
	if got := shortenIn(English, "Short name", 24); got != "Short name" {
		t.Errorf("short: %q", got)
	}
}

func TestRoundLabel(t *testing.T) {
	tests := []struct {
		l           Lang
		year        int
		label, want string
	}{
		{Chinese, 2017, "2017年度首批监测", "2017年度首批监测"},
		{Chinese, 2019, "首批监测", "2019 首批监测"},
		{Chinese, 2019, "", "2019"},
		{English, 2017, "2017年度首批监测", "Round 2017"},
		{English, 2020, "pilot", "Round 2020 · pilot"},
	}
	for _, tt := range tests {
		if got := roundLabel(tt.l, tt.year, tt.label); got != tt.want {
			t.Errorf("roundLabel(%v, %d, %q) = %q, want %q", tt.l, tt.year, tt.label, got, tt.want)
		}
	}
}

// TestTokenFromTheCommandLineIsNamedInThePageLanguage: the token "evidence
// user add" makes is labelled 命令行创建 in the catalog; the English account
// page said so in Chinese.
func TestTokenFromTheCommandLineIsNamedInThePageLanguage(t *testing.T) {
	s := newSite(t)
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Accounts.CreateToken(context.Background(), wang, accounts.CommandLineTokenLabel); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	for _, tt := range []struct{ lang, want, not string }{
		{"zh", "<td>命令行创建</td>", "Made on the command line"},
		{"en", "<td>Made on the command line</td>", "命令行创建"},
	} {
		if tt.lang == "en" {
			b.english()
		}
		_, body := b.get("/account")
		if !strings.Contains(body, tt.want) || strings.Contains(body, tt.not) {
			t.Errorf("%s account page: the command line's token is not labelled %s: %.600s", tt.lang, tt.want, textOf(body))
		}
	}
}

package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// errorOf sends req with c and returns the status and the error's
// message and English.
func errorOf(t *testing.T, c *http.Client, req *http.Request) (status int, message, english string) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var body struct {
		Error struct {
			Message   string `json:"message"`
			MessageEn string `json:"message_en"`
		} `json:"error"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("%s %s: %d %s: %v", req.Method, req.URL.Path, resp.StatusCode, raw, err)
	}
	return resp.StatusCode, body.Error.Message, body.Error.MessageEn
}

// A session and a token that were valid, of an account then disabled
// (evidence user disable), are told the account is disabled — not that
// the login expired, after which the login's 用户名或密码错误 made the
// person doubt their password. An unknown token and a session logged out
// keep their words; the login itself still tells no one the account's
// state.
func TestADisabledAccountsSessionIsToldSo(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.tokens["陈静"] = e.te.AddUserIn("chenjing", "coordinator", cityA, "市教育局")
	c := browser(t)
	resp, err := c.Post(e.srv.URL+"/api/v1/login", "application/json",
		strings.NewReader(`{"username":"chenjing","password":"`+testenv.Password+`"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login: %v %v", resp, err)
	}
	resp.Body.Close()
	if status, msg, _ := errorOf(t, c, e.request("GET", "/api/v1/documents?city="+cityA, nil)); status == 401 {
		t.Fatalf("the session before the account is disabled: 401 %s", msg)
	}
	if err := e.cat.SetDisabled(ctx, "chenjing", true, "cli"); err != nil {
		t.Fatal(err)
	}

	token := e.request("GET", "/api/v1/me", nil)
	token.Header.Set("Authorization", "Bearer "+e.tokens["陈静"])
	for what, req := range map[string]*http.Request{"session": e.request("GET", "/api/v1/me", nil), "token": token} {
		status, msg, en := errorOf(t, c, req)
		if status != http.StatusUnauthorized || msg != "账号已停用，请联系管理员" || en != "Your account is disabled; contact the administrator" {
			t.Errorf("the %s of a disabled account: %d %q (%q), want 401 账号已停用，请联系管理员", what, status, msg, en)
		}
	}
	unknown := e.request("GET", "/api/v1/me", nil)
	unknown.Header.Set("Authorization", "Bearer ev_no-such-token")
	if status, msg, _ := errorOf(t, http.DefaultClient, unknown); status != 401 || msg != "API 令牌无效或已撤销" {
		t.Errorf("an unknown token: %d %q, want 401 API 令牌无效或已撤销", status, msg)
	}
	stale := e.request("GET", "/api/v1/me", nil)
	stale.Header.Set("Cookie", "evidence_session=no-such-session")
	if status, msg, _ := errorOf(t, http.DefaultClient, stale); status != 401 || msg != "登录已过期，请重新登录" {
		t.Errorf("an unknown session: %d %q, want 401 登录已过期，请重新登录", status, msg)
	}
	status, msg, _ := errorOf(t, http.DefaultClient, e.request("POST", "/api/v1/login",
		`{"username":"chenjing","password":"`+testenv.Password+`"}`))
	if status != 401 || strings.Contains(msg, "停用") {
		t.Errorf("the login of a disabled account: %d %q, want 401 without its state", status, msg)
	}

	// Enabled again, the account's old session and token are gone for
	// good, and say only that the login has ended.
	if err := e.cat.SetDisabled(ctx, "chenjing", false, "cli"); err != nil {
		t.Fatal(err)
	}
	if status, msg, _ := errorOf(t, c, e.request("GET", "/api/v1/me", nil)); status != 401 || msg != "登录已过期，请重新登录" {
		t.Errorf("the old session of an account enabled again: %d %q, want 401 登录已过期，请重新登录", status, msg)
	}
	token = e.request("GET", "/api/v1/me", nil)
	token.Header.Set("Authorization", "Bearer "+e.tokens["陈静"])
	if status, msg, _ := errorOf(t, c, token); status != 401 || msg != "API 令牌无效或已撤销" {
		t.Errorf("the old token of an account enabled again: %d %q, want 401 API 令牌无效或已撤销", status, msg)
	}
}

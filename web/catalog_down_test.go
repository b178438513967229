package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/pgtest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A signed-in expert whose page is asked while PostgreSQL is down is
// told the catalog cannot be reached, as the API and the login form
// tell it: sent to the login page instead, they would take it for a
// lost session, and logging in again fails too.
func TestAPageAskedWhileTheCatalogIsDownSaysSoInsteadOfAskingToLogIn(t *testing.T) {
	pg, url := pgtest.StartOwn(t)
	ctx := context.Background()
	cat, err := catalog.OpenPostgres(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	admin := &catalog.User{Username: "test", Role: catalog.RoleAdmin}
	if _, err := accounts.NewService(cat).Create(ctx, admin, accounts.NewUser{Username: "zhuanjia", Role: "expert", Password: testenv.Password, TokenLabel: "test"}); err != nil {
		t.Fatal(err)
	}
	a := auth.NewAuthenticator(cat, 0)
	login, err := a.LogIn(ctx, "zhuanjia", testenv.Password, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(testenv.New(t).Services(a))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func() (int, string, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/search?q=学分银行", nil)
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: login.Secret})
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Location"), string(body)
	}
	if status, _, _ := get(); status != http.StatusOK {
		t.Fatalf("the search page with PostgreSQL up: %d, want 200", status)
	}
	pg.Stop()
	status, location, page := get()
	if status != http.StatusServiceUnavailable || !strings.Contains(page, "无法连接目录数据库") {
		t.Fatalf("the search page with PostgreSQL down: %d (Location %q), want 503 saying 无法连接目录数据库; page:\n%.600s", status, location, page)
	}
}

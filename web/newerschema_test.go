package web

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A node left running while a newer binary migrates its catalog answers
// every page 503 with the refusal a start of it would give, within a
// poll of the catalog; the stylesheet of that page is still served.
func TestPagesOfANodeWhoseCatalogANewerBinaryMigratedSayItNoLongerServes(t *testing.T) {
	e := testenv.New(t)
	if e.DBPath == "" {
		t.Skip("the newer migration is written with SQL on the SQLite catalog (catalog TestCatalogMigratedByANewerBinaryIsRefused reads it on PostgreSQL)")
	}
	d := e.Services(nil)
	d.Ingest = ingest.New(e.Catalog, e.Blobs, e.Index, ingest.Config{TempDir: t.TempDir(), FollowInterval: 10 * time.Millisecond, Logger: e.Logger})
	if err := d.Ingest.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Ingest.Close)
	h, err := NewHandler(d)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if status, _ := get("/login"); status != http.StatusOK {
		t.Fatalf("the login page before the upgrade: %d, want 200", status)
	}
	db, err := sql.Open("sqlite", "file:"+e.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	// Within a poll (10 ms here); the wait only bounds a broken test.
	status, page := get("/login")
	for deadline := time.Now().Add(30 * time.Second); status == http.StatusOK && time.Now().Before(deadline); status, page = get("/login") {
		time.Sleep(10 * time.Millisecond)
	}
	if status != http.StatusServiceUnavailable || !strings.Contains(page, "已由较新版本的 evidence 升级（迁移 999") || !strings.Contains(page, "升级前的备份恢复") {
		t.Fatalf("the login page after a newer binary migrated the catalog: %d, want 503 with the refusal; page:\n%s", status, page)
	}
	if status, _ := get("/static/app.css"); status != http.StatusOK {
		t.Errorf("the stylesheet of the error page: %d, want 200", status)
	}
}

package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A node left running while a newer binary migrates its catalog stops
// serving within a poll of the catalog: /readyz and every request answer
// 503 with the words a start of it would refuse with, in Chinese and
// English.
func TestANodeRunningWhenANewerBinaryMigratesItsCatalogStopsServing(t *testing.T) {
	te := testenv.New(t)
	if te.DBPath == "" {
		t.Skip("the newer migration is written with SQL on the SQLite catalog (catalog TestCatalogMigratedByANewerBinaryIsRefused reads it on PostgreSQL)")
	}
	ctx := context.Background()
	d := te.Services(nil)
	d.Ingest = ingest.New(te.Catalog, te.Blobs, te.Index, ingest.Config{TempDir: t.TempDir(), FollowInterval: 10 * time.Millisecond, Logger: te.Logger})
	if err := d.Ingest.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Ingest.Close)
	token := te.AddUser("zhou", "expert", "")
	srv := httptest.NewServer(NewHandler(d))
	defer srv.Close()
	type answer struct {
		Ready   bool   `json:"ready"`
		Error   string `json:"error"`
		ErrorEn string `json:"error_en"`
	}
	get := func(path string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, body
	}
	ready := func() (int, answer) {
		t.Helper()
		status, body := get("/readyz")
		var a answer
		json.Unmarshal(body, &a)
		return status, a
	}
	if status, a := ready(); status != http.StatusOK || !a.Ready {
		t.Fatalf("readyz before the upgrade: %d %+v, want 200 ready", status, a)
	}
	if status, _ := get("/api/v1/me"); status != http.StatusOK {
		t.Fatalf("a request before the upgrade: %d, want 200", status)
	}

	// A newer binary's command migrates the catalog's file meanwhile.
	db, err := sql.Open("sqlite", "file:"+te.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA user_version = ` + strings.Repeat("9", 3)); err != nil {
		t.Fatal(err)
	}

	// Within a poll (10 ms here); the wait only bounds a broken test.
	status, a := ready()
	for deadline := time.Now().Add(30 * time.Second); status == http.StatusOK && time.Now().Before(deadline); status, a = ready() {
		time.Sleep(10 * time.Millisecond)
	}
	if status != http.StatusServiceUnavailable || a.Ready {
		t.Fatalf("readyz after a newer binary migrated the catalog (from %d to 999): %d %+v, want 503 not ready", version, status, a)
	}
	if !strings.Contains(a.Error, "较新版本") || !strings.Contains(a.Error, "升级前的备份") || !strings.Contains(a.ErrorEn, "newer version") {
		t.Errorf("readyz says %+v, want the refusal of a start (较新版本, 升级前的备份) in both languages", a)
	}
	status, body := get("/api/v1/me")
	var refused errorBody
	json.Unmarshal(body, &refused)
	if status != http.StatusServiceUnavailable || refused.Error.Code != "EUNAVAILABLE" || refused.Error.Message != a.Error {
		t.Errorf("a request after a newer binary migrated the catalog: %d %s, want 503 EUNAVAILABLE saying %q", status, body, a.Error)
	}
	if !strings.Contains(refused.Error.Message, "迁移 999") {
		t.Errorf("the refusal says %q, want the catalog's migration 999 named", refused.Error.Message)
	}
}

package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A node of several whose index has not caught up with the shared catalog
// answers /readyz 503 and says why in Chinese with full-width punctuation
// and in English.
func TestReadyzWhileTheIndexCatchesUp(t *testing.T) {
	te := testenv.New(t)
	d := te.Services(nil)
	// A node sharing its catalog whose follower has not run yet.
	d.Ingest = ingest.New(te.Catalog, te.Blobs, te.Index, ingest.Config{TempDir: t.TempDir(), Shared: true, Node: "b", Logger: te.Logger})
	t.Cleanup(d.Ingest.Close)
	srv := httptest.NewServer(NewHandler(d))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Ready   bool   `json:"ready"`
		Error   string `json:"error"`
		ErrorEn string `json:"error_en"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != http.StatusServiceUnavailable || body.Ready {
		t.Fatalf("readyz before catching up: %d %+v, want 503 not ready", resp.StatusCode, body)
	}
	if !strings.Contains(body.Error, "索引正在追赶目录") || strings.ContainsAny(body.Error, ",;:") {
		t.Errorf("readyz error %q, want the reason in full-width punctuation", body.Error)
	}
	if body.ErrorEn == "" {
		t.Errorf("readyz error has no English (error_en): %+v", body)
	}
}

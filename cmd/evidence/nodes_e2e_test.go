package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/pgtest"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// TestTwoNodesServeOneArchive runs two `evidence serve` on one PostgreSQL
// catalog and one S3 bucket, each with its own data folder and index: a
// document uploaded on A is searchable on B within 10 s, a delete on B
// leaves A's index too, a session opened on A works on B, and /readyz
// reports each node's index lag.
func TestTwoNodesServeOneArchive(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	t.Setenv("EVIDENCE_S3_ENDPOINT", g.Addr)
	t.Setenv("EVIDENCE_S3_BUCKET", "evidence-nodes")
	t.Setenv("EVIDENCE_S3_ACCESS_KEY", s3gw.AccessKey)
	t.Setenv("EVIDENCE_S3_SECRET_KEY", s3gw.SecretKey)
	t.Setenv("EVIDENCE_DATABASE_URL", pgtest.DatabaseURL(t))

	a, b := startServer(t, ""), startServer(t, "")
	for name, s := range map[string]*server{"A": a, "B": b} {
		waitReady(t, name, s)
	}

	pdf := fixture(t, "ningbo-policy.pdf")
	status, body := a.upload(map[string]string{"city": "330200", "doc_type": "policy"}, pdf)
	if status != http.StatusCreated {
		t.Fatalf("upload on A: %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)
	start := time.Now()
	lag, ok := waitSearch(b, "学分银行", id, true, 10*time.Second)
	if !ok {
		_, d := b.get("/api/v1/documents/"+id, nil)
		t.Fatalf("document uploaded on A not found by search on B within 10 s (status on B: %v %v)", d["status"], d["error"])
	}
	t.Logf("index lag A→B, upload to searchable: %v", lag)
	if d := a.waitDone(id); d["status"] != "indexed" {
		t.Errorf("on A the document is %v, want indexed", d["status"])
	}
	if _, got := b.raw("/api/v1/documents/" + id + "/original"); !bytes.Equal(got, pdf.body) {
		t.Errorf("original read on B differs from the bytes uploaded on A")
	}

	// A session opened on A is good on B.
	cookie := login(t, a, "admin")
	req, _ := http.NewRequest("GET", b.base+"/api/v1/me", nil)
	req.AddCookie(cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("session from A on B: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}

	req, _ = http.NewRequest("DELETE", b.base+"/api/v1/documents/"+id, nil)
	if status, body := b.do(req); status != http.StatusOK && status != http.StatusNoContent {
		t.Fatalf("delete on B: %d %v", status, body)
	}
	if lag, ok := waitSearch(a, "学分银行", id, false, 10*time.Second); !ok {
		t.Errorf("document deleted on B still found on A after 10 s")
	} else {
		t.Logf("index lag B→A, delete to gone: %v (upload started %v ago)", lag, time.Since(start).Round(time.Millisecond))
	}
	for name, s := range map[string]*server{"A": a, "B": b} {
		if r := readyz(t, s); r["ready"] != true || r["lag_changes"] != float64(0) {
			t.Errorf("readyz of %s after the changes settled: %v", name, r)
		}
	}
}

// waitSearch polls s's search for q until document id is among the hits
// (present) or not (!present), and says how long that took.
func waitSearch(s *server, q, id string, present bool, limit time.Duration) (time.Duration, bool) {
	start := time.Now()
	for time.Since(start) < limit {
		_, res := s.get("/api/v1/search", url.Values{"q": {q}})
		found := false
		hits, _ := res["hits"].([]any)
		for _, h := range hits {
			if h.(map[string]any)["id"] == id {
				found = true
			}
		}
		if found == present {
			return time.Since(start), true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return limit, false
}

func readyz(t *testing.T, s *server) map[string]any {
	t.Helper()
	resp, err := http.Get(s.base + "/readyz")
	if err != nil {
		t.Fatalf("readyz: %v", err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	m["status"] = float64(resp.StatusCode)
	return m
}

func waitReady(t *testing.T, name string, s *server) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if r := readyz(t, s); r["status"] == float64(200) && r["ready"] == true {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("node %s not ready within 30 s: %v", name, readyz(t, s))
}

// login opens an API session for a new account of role and returns its cookie.
func login(t *testing.T, s *server, role string) *http.Cookie {
	t.Helper()
	name := fmt.Sprintf("u%d", time.Now().UnixNano())
	out, err := runCLI(t, "user", "add", "--data", s.dataDir, "--json", "--name", name, "--role", role)
	if err != nil {
		t.Fatalf("user add: %v", err)
	}
	var u struct{ Password string }
	json.Unmarshal([]byte(out), &u)
	body := fmt.Sprintf(`{"username":%q,"password":%q}`, name, u.Password)
	resp, err := http.Post(s.base+"/api/v1/login", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	defer resp.Body.Close()
	for _, c := range resp.Cookies() {
		return c
	}
	t.Fatalf("login on %s: %d, no cookie", s.base, resp.StatusCode)
	return nil
}

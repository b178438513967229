package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchChildEnv makes this test binary act as the evidence binary: the
// benchmark runs the archive (serve, user add, the dictionary probe) as
// child processes of os.Executable(), which under `go test` is this binary.
const benchChildEnv = "EVIDENCE_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestBenchSmoke runs `evidence bench` end to end on a tiny corpus: upload
// over HTTP to a child `evidence serve`, settle, search in-process and over
// HTTP, start-up, memory and quality. It checks the run completes and
// reports every figure; the figures themselves mean nothing at this size.
func TestBenchSmoke(t *testing.T) {
	t.Setenv(benchChildEnv, "1")
	dir := t.TempDir()
	out := filepath.Join(dir, "results.json")
	stdout, err := runCLI(t, "bench", "--docs", "24", "--pdfs", "0", "--quality-docs", "40", "--queries", "12",
		"--clients", "3", "--settle", "500ms", "--out", out, "--work", filepath.Join(dir, "work"),
		"--domain", filepath.Join("..", "..", "..", "shared", "domain"))
	if err != nil {
		t.Fatalf("evidence bench: %v", err)
	}
	if !strings.Contains(stdout, "cores") || !strings.Contains(stdout, "go1.") {
		t.Errorf("the table does not name the machine:\n%s", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Figures []struct {
			Name  string
			Value float64
		}
		Ingest struct{ Docs, Failed int }
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatalf("results.json: %v", err)
	}
	if res.Ingest.Docs != 24 || res.Ingest.Failed != 0 {
		t.Errorf("ingest: %+v, want 24 documents, none failed", res.Ingest)
	}
	want := []string{"ingest: pipeline over HTTP", "memory: peak RSS during bulk ingest", "memory: RSS while serving",
		"index size (settled)", "search in-process p50", "search over HTTP p99", "start-up to /healthz OK",
		"quality: trap false positives"}
	got := map[string]float64{}
	for _, f := range res.Figures {
		got[f.Name] = f.Value
	}
	for _, name := range want {
		if v, ok := got[name]; !ok || (v <= 0 && name != "quality: trap false positives") {
			t.Errorf("figure %q: %v (present %v)", name, v, ok)
		}
	}
}

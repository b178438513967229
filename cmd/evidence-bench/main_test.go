package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// benchChildEnv makes this test binary act as evidence-bench: the benchmark
// runs its dictionary probe as a child process of os.Executable(), which
// under `go test` is this binary.
const benchChildEnv = "EVIDENCE_BENCH_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// buildEvidence builds the evidence binary into dir, as `make bench` does,
// for the benchmark to run the archive as.
func buildEvidence(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the go command is not on PATH: cannot build the evidence binary")
		}
		t.Skip("the go command is not on PATH: cannot build the evidence binary")
	}
	exe := filepath.Join(dir, "evidence")
	cmd := exec.Command(goTool, "build", "-o", exe, "github.com/lcmonitor/evidence/cmd/evidence")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/evidence: %v\n%s", err, out)
	}
	return exe
}

// runBench runs evidence-bench as a user would and returns its stdout.
func runBench(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(t.Context(), args, &out, &errOut)
	if err != nil {
		t.Logf("evidence-bench %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), err
}

// TestBenchSmoke runs evidence-bench end to end on a tiny corpus: upload
// over HTTP to a child `evidence serve` of the built evidence binary,
// settle, search in-process and over HTTP, start-up, memory and quality.
// It checks the run completes and reports every figure; the figures
// themselves mean nothing at this size. OCR is left out here: the bench
// package's TestOCRSmoke runs its pieces.
func TestBenchSmoke(t *testing.T) {
	t.Setenv(benchChildEnv, "1")
	dir := t.TempDir()
	evidence := buildEvidence(t, dir)
	out := filepath.Join(dir, "results.json")
	stdout, err := runBench(t, "--evidence", evidence, "--docs", "24", "--pdfs", "0", "--quality-docs", "40", "--queries", "12",
		"--clients", "3", "--settle", "500ms", "--file-wait", "0", "--ingest-rounds", "2", "--long-docs", "6", "--ocr=false", "--nodes-docs", "24", "--out", out, "--work", filepath.Join(dir, "work"),
		"--domain", filepath.Join("..", "..", "..", "shared", "domain"))
	if err != nil {
		t.Fatalf("evidence-bench: %v", err)
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
		Ingest struct {
			Docs, Failed int
			Rounds       []struct {
				ServerCPU   float64 `json:"server_cpu_seconds"`
				RawBleveCPU float64 `json:"raw_bleve_cpu_seconds"`
			}
		}
		IngestLong struct {
			Docs, Failed int
			TextBytes    int64 `json:"text_bytes"`
		} `json:"ingest_long"`
		Nodes *struct {
			Docs, Missed int
			CatchUpFound uint64 `json:"catch_up_found"`
			CatchUpWant  uint64 `json:"catch_up_want"`
		}
		Skipped []string
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatalf("results.json: %v", err)
	}
	if res.Ingest.Docs != 24 || res.Ingest.Failed != 0 {
		t.Errorf("ingest: %+v, want 24 documents, none failed", res.Ingest)
	}
	if len(res.Ingest.Rounds) != 2 || res.Ingest.Rounds[1].ServerCPU <= 0 || res.Ingest.Rounds[1].RawBleveCPU <= 0 {
		t.Errorf("ingest rounds: %+v, want two with the CPU of both sides", res.Ingest.Rounds)
	}
	if l := res.IngestLong; l.Docs != 6 || l.Failed != 0 || l.TextBytes < 6*9000 {
		t.Errorf("ingest of long documents: %+v, want 6 documents of more than 9 KB, none failed", l)
	}
	want := []string{"ingest: pipeline over HTTP", "memory: peak RSS during bulk ingest", "memory: RSS while serving",
		"index size (settled)", "search in-process p50", "search over HTTP p99", "start-up to /healthz OK",
		"quality: trap false positives", "long: pipeline over HTTP", "long: CPU per MB"}
	got := map[string]float64{}
	for _, f := range res.Figures {
		got[f.Name] = f.Value
		if size, ok := strings.CutPrefix(f.Name, "ingest, "); ok {
			if _, fig, ok := strings.Cut(size, " KB documents: "); ok {
				got["long: "+fig] = f.Value
			}
		}
	}
	// The several-nodes figures need PostgreSQL and versitygw: under
	// CI=true the benchmark fails without them, elsewhere it skips them.
	if res.Nodes == nil {
		t.Logf("several-nodes figures skipped: %v", res.Skipped)
	} else {
		if n := res.Nodes; n.Docs != 24 || n.Missed != 0 || n.CatchUpWant == 0 || n.CatchUpFound != n.CatchUpWant {
			t.Errorf("several nodes: %+v, want 24 documents, every sample found on the other node, "+
				"and the new node finding every document that holds the word it is asked for", *res.Nodes)
		}
		want = append(want, "nodes: index lag to the other node p50", "nodes: index lag to the other node p99",
			"nodes: new node catching up", "catalog: upload-path calls, PostgreSQL")
	}
	for _, name := range want {
		if v, ok := got[name]; !ok || (v <= 0 && name != "quality: trap false positives") {
			t.Errorf("figure %q: %v (present %v)", name, v, ok)
		}
	}
}

func TestBenchNeedsTheEvidenceBinary(t *testing.T) {
	_, err := runBench(t, "--evidence", filepath.Join(t.TempDir(), "missing"), "--docs", "1")
	if err == nil || !strings.Contains(err.Error(), "no evidence binary") {
		t.Fatalf("a missing evidence binary gave %v, want an error naming it", err)
	}
}

func TestBenchOCROnlyNeedsOCR(t *testing.T) {
	_, err := runBench(t, "--ocr=false", "--ocr-only")
	if err == nil || !strings.Contains(err.Error(), "nothing to measure") {
		t.Fatalf("--ocr=false --ocr-only gave %v, want an error saying nothing is measured", err)
	}
}

func TestBenchNodesOnlyNeedsNodes(t *testing.T) {
	_, err := runBench(t, "--nodes=false", "--nodes-only")
	if err == nil || !strings.Contains(err.Error(), "nothing to measure") {
		t.Fatalf("--nodes=false --nodes-only gave %v, want an error saying nothing is measured", err)
	}
}

// --per-request past the server's 64 files a request is refused before
// anything is measured (review s25-cpu #5).
func TestPerRequestIsBounded(t *testing.T) {
	for _, n := range []string{"0", "65"} {
		var out, errOut bytes.Buffer
		err := run(t.Context(), []string{"--per-request", n, "--work", t.TempDir()}, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), "--per-request") {
			t.Errorf("--per-request %s: %v, want it refused", n, err)
		}
	}
}

func TestBenchIngestOnlyIsAlone(t *testing.T) {
	for _, other := range []string{"--nodes-only", "--ocr-only"} {
		_, err := runBench(t, "--ingest-only", other, "--work", t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "choose one") {
			t.Errorf("--ingest-only %s gave %v, want it refused", other, err)
		}
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/testpdf"
)

// extractionChildren lists this process's children that are extraction
// sandboxes.
func extractionChildren(t *testing.T) []int {
	t.Helper()
	me := strconv.Itoa(os.Getpid())
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var out []int
	for _, d := range dirs {
		stat, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, so split after ")".
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		cmdline, _ := os.ReadFile(filepath.Join(d, "cmdline"))
		if len(fields) > 1 && fields[1] == me && bytes.Contains(cmdline, []byte("extract-child")) {
			pid, _ := strconv.Atoi(filepath.Base(d))
			out = append(out, pid)
		}
	}
	return out
}

// TestCraftedFilesCannotHurtTheServer sends the files that took the server
// down when it read them in its own process: each ends failed (or read by
// the fallback), the server answers throughout, and no extraction is left
// running afterwards.
func TestCraftedFilesCannotHurtTheServer(t *testing.T) {
	// A short limit per reading, so the stuck reader is killed soon.
	t.Setenv("EVIDENCE_EXTRACT_TIMEOUT", "4s")
	s := startServer(t, "")
	files := []upload{
		{"页面树自我引用.pdf", testpdf.SelfContainingPageTree()},
		{"深度嵌套.pdf", testpdf.NestedArrays(20_000_000)},
	}
	for _, f := range files {
		status, body := s.upload(map[string]string{"city": "330100", "doc_type": "other"}, f)
		if status != 201 {
			t.Fatalf("%s: upload %d %v", f.name, status, body)
		}
		id := uploadedDocuments(t, body)[0]["id"].(string)
		d := s.waitDone(id)
		t.Logf("%s: %s %v", f.name, d["status"], d["error"])
		if d["status"] == "failed" && d["error"] == "" {
			t.Errorf("%s failed without a reason", f.name)
		}
		if status, _ := s.get("/healthz", nil); status != 200 {
			t.Fatalf("server not answering after %s: %d", f.name, status)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(extractionChildren(t)) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("extraction processes still running after every document ended: %v", extractionChildren(t))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/testfiles"
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
	// A clean child lingers idle for childIdle (5 s) before it ends; a
	// minute leaves a loaded machine room, and a stuck one never ends.
	deadline := time.Now().Add(time.Minute)
	for len(extractionChildren(t)) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("extraction processes still running after every document ended: %v", extractionChildren(t))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestThumbnailsAreDrawnInTheSandbox: the server draws a page thumbnail in
// an extraction child, with its memory limit (pdftoppm and image decoding
// run there, never in the server's process).
func TestThumbnailsAreDrawnInTheSandbox(t *testing.T) {
	testfiles.Program(t, "pdftoppm", "apt-get install poppler-utils")
	s := startServer(t, "")
	status, body := s.upload(map[string]string{"city": "330200", "doc_type": "policy"}, fixture(t, "ningbo-policy.pdf"))
	if status != 201 {
		t.Fatalf("upload %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)
	if d := s.waitDone(id); d["status"] != "indexed" {
		t.Fatalf("宁波政策文件: %v %v", d["status"], d["error"])
	}
	drawn := extract.ThumbnailsDrawnByChildren()
	resp, png := s.raw("/api/v1/documents/" + id + "/pages/1/thumbnail")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("thumbnail: %d %s %d bytes, want a PNG", resp.StatusCode, resp.Header.Get("Content-Type"), len(png))
	}
	// Counted by the sandbox as a child's answer arrives: a child seen
	// running after the answer was seen only while it lingered its idle
	// seconds, which a busy machine's test outlived once (CI, session 59).
	// At least one more: a test running beside this one may draw too.
	if got := extract.ThumbnailsDrawnByChildren(); got <= drawn {
		t.Errorf("the thumbnail was not drawn by an extraction child (%d drawn by children before and after): in the server's own process", got)
	}
}

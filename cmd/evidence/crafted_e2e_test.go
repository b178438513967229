package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// craftedPDF builds a PDF of the given objects with a correct
// cross-reference table, so that readers get past the parsing.
func craftedPDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

func deflated(data []byte) string {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes())
}

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
	catalog := "<< /Type /Catalog /Pages 2 0 R >>"
	files := []upload{
		{"页面树自我引用.pdf", craftedPDF(catalog, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", "<< /Length 0 >>\nstream\n\nendstream")},
		{"深度嵌套.pdf", craftedPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
			deflated(bytes.Repeat([]byte("["), 20_000_000)))},
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

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// An index written by an older version (index format 4 before this one)
// is rebuilt by serve in the background: the documents are found again
// without anyone running reindex.
func TestServeRebuildsAnIndexOfAnOlderFormat(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "学分银行.txt"), []byte("宁波市推进学分银行建设，开展乡村振兴学习活动。"), 0o644)
	if out, err := runCLI(t, "ingest", dir, "--data", data, "--city", "330200", "--type", "policy"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	idx, err := bleve.Open(filepath.Join(data, "index"))
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.SetInternal([]byte("evidence_schema"), []byte("4")); err != nil {
		t.Fatal(err)
	}
	idx.Close()

	s := startServer(t, data)
	var out string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		out, err = runCLI(t, "search", "乡村振兴", "--server", s.base, "--token", s.token)
		if err == nil && strings.Contains(out, "共 1 条结果") {
			break
		}
	}
	if !strings.Contains(out, "共 1 条结果") {
		t.Fatalf("search after serve found an index of format 4: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(data, "index.old")); !os.IsNotExist(err) {
		t.Errorf("the old index is still beside the new one: %v", err)
	}
}

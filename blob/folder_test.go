package blob_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/blob/blobtest"
)

func TestFolderConformance(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		s, err := blob.NewFolder(t.TempDir())
		if err != nil {
			t.Fatalf("NewFolder: %v", err)
		}
		return s
	})
}

func TestNewFolderCreatesNestedDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "evidence-data", "blobs")
	s, err := blob.NewFolder(dir)
	if err != nil {
		t.Fatalf("NewFolder(%s): %v", dir, err)
	}
	data := []byte("学习型城市")
	if err := s.Put(t.Context(), "originals/x", bytes.NewReader(data), int64(len(data)), "text/plain"); err != nil {
		t.Fatalf("put into a new folder: %v", err)
	}
}

// A crash leaves temporary files behind: they must never be listed, and old
// ones are removed when the store is opened again.
func TestFolderIgnoresAndCleansLeftovers(t *testing.T) {
	dir := t.TempDir()
	if _, err := blob.NewFolder(dir); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "tmp", "put-crashed")
	fresh := filepath.Join(dir, "tmp", "put-running")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	stale := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(old, stale, stale); err != nil {
		t.Fatal(err)
	}
	s, err := blob.NewFolder(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("stale temp file %s still there after reopening (err %v)", old, err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("recent temp file %s removed; it may belong to a running Put: %v", fresh, err)
	}
	err = s.List(t.Context(), "", func(i blob.Info) error {
		t.Errorf("list: unexpected key %s", i.Key)
		return nil
	})
	if err != nil {
		t.Fatalf("list: %v", err)
	}
}

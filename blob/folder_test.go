package blob_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/blob/blobtest"
	"github.com/lcmonitor/evidence/catalog"
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

func TestFolderPutFileMovesTheFileIn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := blob.NewFolder(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	staged := filepath.Join(dir, "upload-1")
	data := []byte("杭州市学分银行建设实施方案")
	if err := os.WriteFile(staged, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.PutFile(ctx, "originals/abc", staged, int64(len(data)), "text/plain"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(staged); !os.IsNotExist(err) {
		t.Errorf("the staged file is still there: %v", err)
	}
	rc, err := s.Get(ctx, "originals/abc")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	info, _ := s.Stat(ctx, "originals/abc")
	if !bytes.Equal(got, data) || info.ContentType != "text/plain" {
		t.Errorf("stored %q as %q", got, info.ContentType)
	}
	os.WriteFile(staged, data[:3], 0o600)
	if err := s.PutFile(ctx, "originals/def", staged, int64(len(data)), "text/plain"); err == nil {
		t.Errorf("a file of the wrong size was taken")
	}
	if _, err := s.Stat(ctx, "originals/def"); !catalog.IsNotFound(err) {
		t.Errorf("a refused PutFile left an object: %v", err)
	}
	if err := s.PutFile(ctx, "../x", staged, 3, ""); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("invalid key: %v", err)
	}
}

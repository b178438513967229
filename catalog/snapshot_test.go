package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A snapshot whose disk is full fails as ENOSPC, so that the backup can
// name its own disk; it is not the catalog's full message (the catalog is
// only read, and whoever reads "目录数据库无法写入" fears for the archive).
func TestSnapshotOnAFullDiskIsNoSpace(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	s := openTestStore(t)
	if err := s.CreateDocument(t.Context(), newDoc("D1", strings.Repeat("a", 64)), Submission{User: "zhang", Filename: "a.txt"}); err != nil {
		t.Fatal(err)
	}
	err := s.Snapshot(t.Context(), "/dev/full")
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("snapshot to a full disk: %v; want ENOSPC", err)
	}
	if strings.Contains(err.Error(), "目录数据库无法写入") {
		t.Errorf("snapshot to a full disk speaks of the catalog as unwritable: %v", err)
	}
	// The catalog itself goes on: a snapshot elsewhere works.
	if err := s.Snapshot(t.Context(), filepath.Join(t.TempDir(), "snap.db")); err != nil {
		t.Fatalf("snapshot after a full disk: %v", err)
	}
}

package ingest_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest"
)

// TestRemoveStaleTempTakesACrashsLeftovers: a partial upload a killed
// serve left in the data folder's temporary folder two days ago is
// removed; one being written now, and a folder, are kept; a missing
// folder is no error. A crashed upload's file stayed for good (probe
// s56: 1.2 MB after a kill -9 mid-upload).
func TestRemoveStaleTempTakesACrashsLeftovers(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "upload-1929272414")
	fresh := filepath.Join(dir, "upload-2000000000")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("杭州市老年教育年度报告"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sandbox"), 0o700); err != nil {
		t.Fatal(err)
	}
	twoDaysAgo := time.Now().Add(-48 * time.Hour)
	for _, p := range []string{old, filepath.Join(dir, "sandbox")} {
		if err := os.Chtimes(p, twoDaysAgo, twoDaysAgo); err != nil {
			t.Fatal(err)
		}
	}
	n, bytes, err := ingest.RemoveStaleTemp(dir, time.Now().Add(-ingest.StaleTempAge))
	if err != nil || n != 1 || bytes != int64(len("杭州市老年教育年度报告")) {
		t.Errorf("RemoveStaleTemp: %d files, %d bytes, %v; want 1 file of %d bytes", n, bytes, err, len("杭州市老年教育年度报告"))
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the crash's leftover: %v, want removed", err)
	}
	for _, p := range []string{fresh, filepath.Join(dir, "sandbox")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v, want kept", p, err)
		}
	}
	if n, _, err := ingest.RemoveStaleTemp(filepath.Join(dir, "none"), time.Now()); n != 0 || err != nil {
		t.Errorf("a missing folder: %d, %v; want 0, nil", n, err)
	}
}

package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestOpeningTheDataFolderRemovesACrashsStagedUpload: a partial upload
// that a serve killed mid-request left in the data folder's tmp two days
// ago is gone once the archive is opened again; one written now stays.
// It stayed for good (probe s56: kill -9 during a slow upload left a
// 1.2 MB upload-… that no start removed).
func TestOpeningTheDataFolderRemovesACrashsStagedUpload(t *testing.T) {
	t.Setenv("EVIDENCE_DATABASE_URL", "")
	t.Setenv("EVIDENCE_S3_ENDPOINT", "")
	data := t.TempDir()
	tmp := filepath.Join(data, "tmp")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	old, fresh := filepath.Join(tmp, "upload-1929272414"), filepath.Join(tmp, "upload-2000000000")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("杭州市老年教育年度报告"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	twoDaysAgo := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(old, twoDaysAgo, twoDaysAgo); err != nil {
		t.Fatal(err)
	}
	a, err := openApp(context.Background(), data, quietLogger(io.Discard), appOptions{withIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	a.close()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the staged upload left two days ago: %v, want removed", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("the staged upload written now: %v, want kept", err)
	}
}

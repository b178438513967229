package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// damageInPlace changes a few bytes in the middle of a file, keeping its
// size, as a bad sector or a stray write would.
func damageInPlace(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	copy(b[len(b)/2:], "损坏的字节")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantBackupExit1 runs a backup of data into bk and wants it to finish
// with exit 1 and every one of wants in what it says.
func wantBackupExit1(t *testing.T, data, bk string, wants ...string) string {
	t.Helper()
	out, err := runCLI(t, "backup", "--data", data, "--out", bk)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("backup of damaged objects into %s: %v, want exit 1\n%s", bk, err, out)
	}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("backup into %s does not say %q:\n%s", bk, want, out)
		}
	}
	return out
}

// TestBackupLeavesDamagedObjectsOut: a backup holds each original to its
// SHA-256 and each stored text to the hash recorded when it was written.
// A damaged one is not copied and never replaces the good copy an earlier
// backup made; the backup names its document, says how to mend it and
// exits 1, having backed up everything else; a restore of it is clear
// about what it lacks.
func TestBackupLeavesDamagedObjectsOut(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	bk := filepath.Join(t.TempDir(), "backup")
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err != nil {
		t.Fatalf("first backup: %v\n%s", err, out)
	}
	policyOriginal := filepath.Join(data, "blobs", "objects", filepath.FromSlash(catalog.OriginalKey(fixtureSHA(t, "ningbo-policy.pdf"))))
	wuhanText := textBlob(t, data, "wuhan-case.html")
	goodText, err := os.ReadFile(wuhanText)
	if err != nil {
		t.Fatal(err)
	}
	damageInPlace(t, policyOriginal)
	if err := os.WriteFile(wuhanText, []byte(`{"pages":["x"]}`), 0o644); err != nil {
		t.Fatal(err)
	}

	// Into the backup that holds good copies: they stay.
	wantBackupExit1(t, data, bk, ids["wuhan-case.html"], "wuhan-case.html", "[提取文字] 提取文字被替换或损坏",
		"（wuhan-case.html）", "；备份中保留了此前完好的副本", "evidence repair")
	bkText := filepath.Join(bk, backupBlobs, "text", fixtureSHA(t, "wuhan-case.html")+".json")
	if got, err := os.ReadFile(bkText); err != nil || !bytes.Equal(got, goodText) {
		t.Errorf("the backup's good copy of a text was replaced by the damaged one: %q (%v)", got, err)
	}
	bkOriginal := filepath.Join(bk, backupBlobs, filepath.FromSlash(catalog.OriginalKey(fixtureSHA(t, "ningbo-policy.pdf"))))
	if !originalCopyGood(bkOriginal, fixtureSHA(t, "ningbo-policy.pdf")) {
		t.Errorf("the backup's good copy of an original was replaced by the damaged one")
	}
	if rep := readBackupReport(t, bk); len(rep.Damaged) != 1 || !rep.Damaged[0].GoodCopyKept || rep.Documents != 3 {
		t.Errorf("backup.json after an incremental run over a damaged text: %+v", rep)
	}

	// Into a new folder: nothing damaged goes in, everything else does.
	fresh := filepath.Join(t.TempDir(), "fresh")
	wantBackupExit1(t, data, fresh, ids["ningbo-policy.pdf"], "ningbo-policy.pdf", "[原件] 原件哈希不符",
		ids["wuhan-case.html"], "备份中没有它完好的副本", "重新上传同一文件", "evidence repair")
	if _, err := os.Stat(filepath.Join(fresh, backupBlobs, filepath.FromSlash(catalog.OriginalKey(fixtureSHA(t, "ningbo-policy.pdf"))))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a damaged original was copied into the backup (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(fresh, backupBlobs, "text", fixtureSHA(t, "wuhan-case.html")+".json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a damaged text was copied into the backup (%v)", err)
	}
	if rep := readBackupReport(t, fresh); rep.Copied != 4 || len(rep.Damaged) != 2 {
		t.Errorf("backup.json of the fresh backup: %+v, want the 4 sound objects copied and 2 damaged", rep)
	}
	// The live catalog notes the damaged original, as check does.
	cat, err := catalog.Open(t.Context(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	flagged, err := ingest.OriginalFlagged(t.Context(), cat, ids["ningbo-policy.pdf"])
	cat.Close()
	if err != nil || !flagged {
		t.Errorf("the live catalog does not note the damaged original: %v %v", flagged, err)
	}

	// Restored, the fresh backup names what it lacks.
	restored := filepath.Join(t.TempDir(), "restored")
	if out, err := runCLI(t, "restore", "--from", fresh, "--data", restored); err != nil || !strings.Contains(out, "重新提取") {
		t.Fatalf("restore of a backup without a damaged original and text: %v\n%s", err, out)
	}
	out, err := runCLI(t, "check", "--data", restored)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 || !hasLineWith(out, ids["ningbo-policy.pdf"], "  [原件] 原件缺失") {
		t.Errorf("check of the restored archive: %v, want exit 1 naming the missing original\n%s", err, out)
	}
	// Its catalog notes the original it lacks as damaged, so the document
	// page says so and how to mend it.
	if cat, err = catalog.Open(t.Context(), filepath.Join(restored, "catalog.db")); err != nil {
		t.Fatal(err)
	}
	flagged, err = ingest.OriginalFlagged(t.Context(), cat, ids["ningbo-policy.pdf"])
	cat.Close()
	if err != nil || !flagged {
		t.Errorf("the restored catalog does not note the original the backup lacks: %v %v", flagged, err)
	}
	// The backup with the good copies restores whole.
	whole := filepath.Join(t.TempDir(), "whole")
	if out, err := runCLI(t, "restore", "--from", bk, "--data", whole); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "check", "--data", whole); err != nil || !strings.Contains(out, "校验通过") {
		t.Errorf("check of the archive restored from the good copies: %v\n%s", err, out)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestIncrementalBackupRehashesOnlyCopiesWrittenSince: a run reads none
// of the originals' copies a finished run left alone, hashes a copy
// written since (and copies a damaged one again from the store), and
// with --verify hashes them all, which finds damage that left the file's
// time as it was.
func TestIncrementalBackupRehashesOnlyCopiesWrittenSince(t *testing.T) {
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	ingestFixtures(t, data)
	copyOf := func(fixture string) string {
		return filepath.Join(bk, backupBlobs, filepath.FromSlash(catalog.OriginalKey(fixtureSHA(t, fixture))))
	}
	dayAgo := time.Now().Add(-24 * time.Hour)
	// ageCopies makes the run before have happened a day ago, as nightly
	// backups do: within the slack kept for coarse file times, a copy the
	// last run wrote is hashed again, which would blur the counts below.
	ageCopies := func(t *testing.T) {
		for _, f := range []string{"ningbo-policy.pdf", "wuhan-case.html", "chengdu-news-gb18030.txt"} {
			if err := os.Chtimes(copyOf(f), dayAgo, dayAgo); err != nil {
				t.Fatal(err)
			}
		}
		rep := readBackupReport(t, bk)
		rep.Finished = dayAgo.Add(time.Hour)
		writeBackupReport(t, bk, rep)
	}
	// damage flips the first bytes of a fixture's copy, keeping its size.
	damage := func(fixture string, keepTime bool) func(t *testing.T) {
		return func(t *testing.T) {
			ageCopies(t)
			b, err := os.ReadFile(copyOf(fixture))
			if err != nil {
				t.Fatal(err)
			}
			copy(b, "损坏的字节")
			if err := os.WriteFile(copyOf(fixture), b, 0o644); err != nil {
				t.Fatal(err)
			}
			if keepTime {
				if err := os.Chtimes(copyOf(fixture), dayAgo, dayAgo); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	policySize := fileSize(t, filepath.Join("testdata", "ningbo-policy.pdf"))
	caseSize := fileSize(t, filepath.Join("testdata", "wuhan-case.html"))
	steps := []struct {
		name                       string
		before                     func(t *testing.T)
		verify                     bool
		copied, rehashed, repaired int
		bytes                      int64
		says                       string
	}{
		{name: "首次备份", before: func(*testing.T) {}, copied: 6, bytes: -1},
		{name: "原件未变的增量备份", before: ageCopies},
		{name: "备份中的原件副本被改写", before: damage("ningbo-policy.pdf", false),
			copied: 1, rehashed: 1, repaired: 1, bytes: policySize, says: "其中 1 个原件在备份中的副本已损坏（与其 SHA-256 不符），已从存储重新复制"},
		// Bit rot leaves the time alone: a plain run does not read the
		// copy, which is the cost --verify is there to pay.
		{name: "损坏且修改时间未变", before: damage("wuhan-case.html", true)},
		{name: "--verify 全部重新核对", before: func(*testing.T) {}, verify: true,
			copied: 1, rehashed: 3, repaired: 1, bytes: caseSize, says: "已重新核对备份中 3 个原件副本的 SHA-256"},
		{name: "旧版备份没有记录结束时间", before: func(t *testing.T) {
			ageCopies(t)
			rep := readBackupReport(t, bk)
			rep.Finished = time.Time{}
			writeBackupReport(t, bk, rep)
		}, rehashed: 3},
	}
	for _, s := range steps {
		s.before(t)
		args := []string{"backup", "--data", data, "--out", bk}
		if s.verify {
			args = append(args, "--verify")
		}
		out, err := runCLI(t, args...)
		if err != nil {
			t.Fatalf("%s: backup: %v\n%s", s.name, err, out)
		}
		r := readBackupReport(t, bk)
		if r.Copied != s.copied || r.Rehashed != s.rehashed || r.Repaired != s.repaired || (s.bytes >= 0 && r.Bytes != s.bytes) {
			t.Errorf("%s: copied %d (%d bytes), rehashed %d, repaired %d; want %d (%d bytes), %d, %d",
				s.name, r.Copied, r.Bytes, r.Rehashed, r.Repaired, s.copied, s.bytes, s.rehashed, s.repaired)
		}
		if s.says != "" && !strings.Contains(out, s.says) {
			t.Errorf("%s: output does not say %q:\n%s", s.name, s.says, out)
		}
	}
	for _, f := range []string{"ningbo-policy.pdf", "wuhan-case.html", "chengdu-news-gb18030.txt"} {
		if !originalCopyGood(copyOf(f), fixtureSHA(t, f)) {
			t.Errorf("the backup's copy of %s does not hash to its key after the runs", f)
		}
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func writeBackupReport(t *testing.T, dir string, rep backupReport) {
	t.Helper()
	body, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, backupManifest), body, 0o644); err != nil {
		t.Fatal(err)
	}
}

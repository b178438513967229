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
// changed since (and copies a damaged one again from the store), also
// one whose modification time was set back (cp -p, touch -d: the change
// time tells), and with --verify hashes them all, which finds damage
// that happened before the last run ended. Each step's clock is the
// backup disk's: backup.json's time, not the finished_at written in it.
func TestIncrementalBackupRehashesOnlyCopiesWrittenSince(t *testing.T) {
	// The slack for coarse file times would have every copy the last run
	// wrote hashed again in a test whose runs are milliseconds apart;
	// settle puts the last run's end past its copies instead.
	defer func(slack time.Duration) { copyTimeSlack = slack }(copyTimeSlack)
	copyTimeSlack = 0
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	ingestFixtures(t, data)
	copyOf := func(fixture string) string {
		return filepath.Join(bk, backupBlobs, filepath.FromSlash(catalog.OriginalKey(fixtureSHA(t, fixture))))
	}
	manifest := filepath.Join(bk, backupManifest)
	// settle writes backup.json again a moment later, as the disk's clock
	// ticks coarsely (a few milliseconds): its time is then past every
	// copy the last run wrote, as it is a night later.
	settle := func(t *testing.T) {
		time.Sleep(20 * time.Millisecond)
		writeBackupReport(t, bk, readBackupReport(t, bk))
	}
	dayAgo := time.Now().Add(-24 * time.Hour)
	// damage flips the first bytes of a fixture's copy, keeping its size
	// and setting its modification time back a day, as cp -p would.
	damage := func(fixture string) {
		b, err := os.ReadFile(copyOf(fixture))
		if err != nil {
			t.Fatal(err)
		}
		copy(b, "损坏的字节")
		if err := os.WriteFile(copyOf(fixture), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(copyOf(fixture), dayAgo, dayAgo); err != nil {
			t.Fatal(err)
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
		{name: "原件未变的增量备份", before: settle},
		{name: "备份中的原件副本被改写，修改时间被改回", before: func(t *testing.T) {
			settle(t)
			damage("ningbo-policy.pdf")
		}, copied: 1, rehashed: 1, repaired: 1, bytes: policySize, says: "备份中 1 个原件副本已损坏（大小或 SHA-256 不符），已从存储重新复制"},
		// Damage before the last run ended (bit rot leaves the times
		// alone): a plain run does not read the copy, which is the cost
		// --verify is there to pay.
		{name: "损坏发生在上次备份结束之前", before: func(t *testing.T) {
			damage("wuhan-case.html")
			settle(t)
		}},
		{name: "--verify 全部重新核对", before: settle, verify: true,
			copied: 1, rehashed: 3, repaired: 1, bytes: caseSize, says: "已重新核对备份中 3 个原件副本的 SHA-256"},
		{name: "旧版备份没有记录结束时间", before: func(t *testing.T) {
			settle(t)
			rep := readBackupReport(t, bk)
			rep.Finished = time.Time{}
			writeBackupReport(t, bk, rep)
		}, rehashed: 3, says: "已重新核对备份中 3 个原件副本的 SHA-256"},
		// This machine's clock, in finished_at, does not count: a day
		// ahead, it would have trusted the damaged copy above.
		{name: "本机时钟超前", before: func(t *testing.T) {
			settle(t)
			rep := readBackupReport(t, bk)
			rep.Finished = time.Now().Add(24 * time.Hour)
			writeBackupReport(t, bk, rep)
			time.Sleep(20 * time.Millisecond)
			damage("chengdu-news-gb18030.txt")
		}, copied: 1, rehashed: 1, repaired: 1, bytes: -1},
		// backup.json's time past the disk's present: the clock was set
		// back since, and no time can be trusted.
		{name: "备份盘时钟被调回", before: func(t *testing.T) {
			settle(t)
			future := time.Now().Add(24 * time.Hour)
			if err := os.Chtimes(manifest, future, future); err != nil {
				t.Fatal(err)
			}
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

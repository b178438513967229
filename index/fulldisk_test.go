package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// mountTmpfs mounts a tmpfs of size under a temporary folder and returns
// it: a real disk that fills. It needs root (CI runs as root); elsewhere
// the test is skipped, and fails under CI=true.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		skipOutsideCI(t, "mounting a small tmpfs (a disk that fills) needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		skipOutsideCI(t, fmt.Sprintf("mount a tmpfs: %v: %s", err, out))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// skipOutsideCI skips a test whose machine lacks what it needs, and fails
// it when CI=true.
func skipOutsideCI(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s, but CI=true requires it", why)
	}
	t.Skip(why)
}

// fillDisk writes a file in dir until the disk is full and returns its
// path.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 1<<16)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill the disk: %v, want ENOSPC", err)
			}
			return p
		}
	}
}

// randomChinese is n characters of common ideographs, unlike each time.
func randomChinese(r *rand.Rand, n int) string {
	var sb strings.Builder
	for range n {
		sb.WriteRune(rune(0x4e00 + r.Intn(3000)))
	}
	return sb.String()
}

// TestIndexOnARealFullDisk: on a real full disk (a tmpfs), Bleve's writes
// fail as unavailable (never a panic out of the library, which killed
// the server), searches are refused as unavailable with a message, the
// index says why it may not be used, and once there is room again it is
// opened again by itself and takes the batch that failed, with what it
// held before.
func TestIndexOnARealFullDisk(t *testing.T) {
	disk := mountTmpfs(t, "48m")
	defer func(d time.Duration) { reopenEvery = d }(reopenEvery)
	reopenEvery = 0
	ctx := context.Background()
	idx, err := Open(filepath.Join(disk, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	first := Document{ID: "first", Title: "学分银行", Pages: []string{"杭州市建立学分银行。"}}
	if err := idx.Index(ctx, []Document{first}); err != nil {
		t.Fatal(err)
	}
	filler := fillDisk(t, disk)

	r := rand.New(rand.NewSource(1))
	var failed []Document
	for i := 0; i < 40 && failed == nil; i++ {
		doc := Document{ID: fmt.Sprintf("d%d", i), Title: "社区教育", Pages: []string{"社区教育" + randomChinese(r, 100000)}}
		err := idx.Index(ctx, []Document{doc})
		if err == nil {
			continue
		}
		if catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
			t.Fatalf("index on a full disk: %v (code %s), want EUNAVAILABLE", err, catalog.ErrorCode(err))
		}
		if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "磁盘") {
			t.Errorf("index on a full disk says %q, want the disk named", msg)
		}
		failed = append(failed, doc)
	}
	if failed == nil {
		t.Fatal("40 batches of 300 KB written on a full disk without an error")
	}
	if err := idx.Unusable(); catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Errorf("Unusable on a full disk: %v, want EUNAVAILABLE", err)
	}
	_, err = idx.Search(ctx, Query{Clauses: terms("学分银行"), Size: 10})
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Errorf("search on a full disk: %v (code %s), want EUNAVAILABLE", err, catalog.ErrorCode(err))
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if err := idx.Index(ctx, failed); err != nil {
		t.Fatalf("index once there is room: %v", err)
	}
	if err := idx.Unusable(); err != nil {
		t.Errorf("Unusable once there is room: %v", err)
	}
	for _, q := range []string{"学分银行", "社区教育"} {
		res, err := idx.Search(ctx, Query{Clauses: terms(q), Size: 100})
		if err != nil || res.Total == 0 {
			t.Errorf("search %q once there is room: %v, %v; want hits", q, res, err)
		}
	}
	if got := ids(mustSearch(t, idx, "学分银行")); len(got) != 1 || got[0] != "first" {
		t.Errorf("学分银行 once there is room: %v, want [first]", got)
	}
}

func mustSearch(t *testing.T, idx *Bleve, q string) *Result {
	t.Helper()
	res, err := idx.Search(context.Background(), Query{Clauses: terms(q), Size: 100})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return res
}

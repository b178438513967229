package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// countSyncs replaces the file-system and folder syncs for one test: it
// returns the handles each file-system sync was given and the number of
// folder syncs, and fails the file-system syncs whose turn (1, 2, …) is
// in failAt.
func countSyncs(t *testing.T, failAt ...int) (handles *[]*os.File, dirs *int) {
	t.Helper()
	if !syncfsReportsErrors() {
		t.Skip("the file system is synced as one only on Linux 5.8 and later")
	}
	handles, dirs = new([]*os.File), new(int)
	syncFS = func(h *os.File) error {
		*handles = append(*handles, h)
		for _, n := range failAt {
			if len(*handles) == n {
				return errors.New("磁盘写入失败")
			}
		}
		return syncFileSystem(h)
	}
	syncDir = func(string) error { *dirs++; return nil }
	t.Cleanup(func() { syncFS, syncDir = syncFileSystem, syncDirNow })
	return handles, dirs
}

func stagedFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func readObject(t *testing.T, f *Folder, key string) []byte {
	t.Helper()
	rc, err := f.Get(context.Background(), key)
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	return b
}

// The originals of one upload request are made durable by two syncs of
// the file system, whatever their number (bench/README.md, ingest step
// 19): none for each file or folder.
func TestFolderPutFilesTogetherSyncsTheFileSystemTwice(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f, err := NewFolder(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	stored := []byte("杭州市学分银行建设实施方案")
	if err := f.Put(ctx, "originals/stored", bytes.NewReader(stored), int64(len(stored)), "text/plain"); err != nil {
		t.Fatal(err)
	}
	handles, dirs := countSyncs(t)
	plan, summary := []byte("宁波市终身教育促进条例"), []byte("成都市社区教育工作总结")
	staged := stagedFile(t, dir, "upload-1", plan)
	errs := f.PutFiles(ctx, []LocalFile{
		{Key: "originals/plan", Path: staged, Size: int64(len(plan)), ContentType: "text/plain"},
		{Key: "originals/summary", Body: bytes.NewReader(summary), Size: int64(len(summary))},
		{Key: "originals/stored", Present: true},
	})
	for i, err := range errs {
		if err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
	}
	if len(*handles) != 2 || *dirs != 0 {
		t.Errorf("%d file-system syncs and %d folder syncs, want 2 and 0", len(*handles), *dirs)
	}
	if got := readObject(t, f, "originals/plan"); !bytes.Equal(got, plan) {
		t.Errorf("plan stored as %q", got)
	}
	if got := readObject(t, f, "originals/summary"); !bytes.Equal(got, summary) {
		t.Errorf("summary stored as %q", got)
	}
	if _, err := os.Stat(staged); !os.IsNotExist(err) {
		t.Errorf("the staged file is still there: %v", err)
	}
}

// A file is renamed into place only once its bytes are durable: when the
// first sync fails no object appears (a later upload of the same bytes,
// finding one, would trust it whole), the caller's staged file stays and
// the store's own temporary files go. When the second fails, the objects
// are there but not known durable: each file fails.
func TestFolderPutFilesTogetherFailsWithItsSyncs(t *testing.T) {
	for _, tc := range []struct {
		name      string
		failAt    int
		wantThere bool
	}{
		{"bytes not synced", 1, false},
		{"renames not synced", 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			f, err := NewFolder(filepath.Join(dir, "store"))
			if err != nil {
				t.Fatal(err)
			}
			countSyncs(t, tc.failAt)
			plan, summary := []byte("宁波市终身教育促进条例"), []byte("成都市社区教育工作总结")
			staged := stagedFile(t, dir, "upload-1", plan)
			errs := f.PutFiles(ctx, []LocalFile{
				{Key: "originals/plan", Path: staged, Size: int64(len(plan))},
				{Key: "originals/summary", Body: bytes.NewReader(summary), Size: int64(len(summary))},
			})
			for i, err := range errs {
				if err == nil {
					t.Errorf("file %d reported stored after a failed sync", i)
				}
			}
			for _, key := range []string{"originals/plan", "originals/summary"} {
				_, err := f.Stat(ctx, key)
				if there := err == nil; there != tc.wantThere {
					t.Errorf("%s there: %v (%v), want %v", key, there, err, tc.wantThere)
				} else if !there && !catalog.IsNotFound(err) {
					t.Errorf("stat %s: %v", key, err)
				}
			}
			if _, err := os.Stat(staged); tc.wantThere == (err == nil) {
				t.Errorf("staged file there: %v, want %v", err == nil, !tc.wantThere)
			}
			if left, _ := os.ReadDir(f.tmp); len(left) != 0 {
				t.Errorf("temporary files left: %d", len(left))
			}
		})
	}
}

// A lazy put is readable at once and costs no sync; Flush syncs the file
// system once, through the handle opened before the puts it covers, and
// starts a new one for the puts after it.
func TestFolderPutLazyIsMadeDurableByFlush(t *testing.T) {
	ctx := context.Background()
	f, err := NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	handles, dirs := countSyncs(t, 3)
	first := f.epoch
	texts := map[string][]byte{"text/a.json": []byte(`{"pages":["学习型城市"]}`), "text/b.json": []byte(`{"pages":["学分银行"]}`)}
	for key, b := range texts {
		if err := f.PutLazy(ctx, key, bytes.NewReader(b), int64(len(b)), "application/json"); err != nil {
			t.Fatal(err)
		}
		if got := readObject(t, f, key); !bytes.Equal(got, b) {
			t.Errorf("%s reads %q before Flush, want %q", key, got, b)
		}
	}
	if len(*handles) != 0 || *dirs != 0 {
		t.Fatalf("lazy puts synced: %d file-system and %d folder syncs", len(*handles), *dirs)
	}
	if err := f.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if len(*handles) != 1 || (*handles)[0] != first {
		t.Fatalf("Flush synced through %d handles, want the one opened before the puts", len(*handles))
	}
	if err := f.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if len(*handles) != 2 || (*handles)[1] == first {
		t.Errorf("the second Flush synced through the first epoch's handle again")
	}
	if err := f.Flush(ctx); err == nil {
		t.Errorf("Flush whose sync failed returned nil")
	}
	if got := readObject(t, f, "text/a.json"); !bytes.Equal(got, texts["text/a.json"]) {
		t.Errorf("text/a.json reads %q after the flushes", got)
	}
}

package blob

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPutSyncsTheEntryOfAFolderItMade: the first object put under a
// folder of keys not made yet (text/, originals/ab/) syncs, besides that
// folder (the rename into it), the parent of every folder made for it, so
// that a power cut cannot lose the new folder's entry and the object with
// it (review s57: only the object's own folder was synced). A second
// object of that folder syncs its folder alone; a lazy put syncs none (its
// Flush syncs the file system as one).
func TestPutSyncsTheEntryOfAFolderItMade(t *testing.T) {
	ctx := context.Background()
	f, err := NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var synced []string
	syncDir = func(dir string) error {
		rel, err := filepath.Rel(f.objects, dir)
		if err != nil {
			t.Fatal(err)
		}
		synced = append(synced, filepath.ToSlash(rel))
		return nil
	}
	t.Cleanup(func() { syncDir = syncDirNow })
	body := "杭州市学习型城市建设工作总结"
	for _, c := range []struct {
		name, key string
		file      bool
		want      []string
	}{
		{"first key of a new folder", "text/a.json", false, []string{".", "text"}},
		{"second key of that folder", "text/b.json", false, []string{"text"}},
		{"a folder two deep", "originals/ab/cd", false, []string{"originals", ".", "originals/ab"}},
		{"a new folder beside it", "originals/ef/gh", false, []string{"originals", "originals/ef"}},
		{"a local file into a new folder", "originals/ij/kl", true, []string{"originals", "originals/ij"}},
	} {
		synced = nil
		if c.file {
			path := filepath.Join(t.TempDir(), "上传.txt")
			if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			err = f.PutFile(ctx, c.key, path, int64(len(body)), "text/plain")
		} else {
			err = f.Put(ctx, c.key, strings.NewReader(body), int64(len(body)), "application/json")
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(synced, c.want) {
			t.Errorf("%s (%s): folders synced %q, want %q", c.name, c.key, synced, c.want)
		}
	}
	if f.sharedSyncs {
		synced = nil
		if err := f.PutLazy(ctx, "lazy/a", strings.NewReader(body), int64(len(body)), ""); err != nil {
			t.Fatal(err)
		}
		if len(synced) != 0 {
			t.Errorf("a lazy put into a new folder synced %q, want none (Flush syncs the file system)", synced)
		}
	}
}

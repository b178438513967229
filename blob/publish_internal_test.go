package blob

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// TestPutIntoAnExistingFolderMakesNoFolder: an object put under a folder
// of keys that is already there is renamed into it without MkdirAll's
// look at the folder first (one system call an object, two an upload: its
// original and its text; issue 15, s57-prepare); a key under a folder
// not made yet still gets its folder.
func TestPutIntoAnExistingFolderMakesNoFolder(t *testing.T) {
	ctx := context.Background()
	f, err := NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	made := 0
	defer func(orig func(string, os.FileMode) error) { makeFolder = orig }(makeFolder)
	makeFolder = func(dir string, perm os.FileMode) error {
		made++
		return os.MkdirAll(dir, perm)
	}
	body := "杭州市学习型城市建设工作总结"
	for _, c := range []struct {
		name, key string
		lazy      bool
		wantMade  int
	}{
		{"first key of a new folder", "text/a.json", false, 1},
		{"second key of that folder", "text/b.json", false, 0},
		{"the same key again", "text/b.json", false, 0},
		{"put lazily", "text/c.json", true, 0},
		{"a folder two deep", "originals/ab/cd", false, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			made = 0
			put := f.Put
			if c.lazy {
				put = f.PutLazy
			}
			if err := put(ctx, c.key, strings.NewReader(body), int64(len(body)), "application/json"); err != nil {
				t.Fatal(err)
			}
			if made != c.wantMade {
				t.Errorf("%d folders made, want %d", made, c.wantMade)
			}
			rc, err := f.Get(ctx, c.key)
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			got, err := io.ReadAll(rc)
			if err != nil || string(got) != body {
				t.Errorf("read back %q, %v", got, err)
			}
		})
	}
	// A key that is the folder of other keys is not overwritten.
	if err := f.Put(ctx, "originals/ab", strings.NewReader(body), int64(len(body)), ""); err == nil {
		t.Error("put over the folder originals/ab: no error")
	}
	entries, err := os.ReadDir(f.tmp)
	if err != nil || len(entries) != 0 {
		t.Errorf("tmp/ holds %d files after the puts (%v)", len(entries), err)
	}
}

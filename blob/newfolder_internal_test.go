package blob

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
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

// TestPutSyncsTheEntriesOfEveryFolderItMade: the folders made for a
// local file on another file system (PutFile's copy through Put: the
// rename that failed across devices made them, and Put then found them
// there) and those made under meta/ for an object's type, where the file
// system keeps no attribute, have their entries synced in their parents
// as the folders of a plain Put do (review s58, lows: neither was, so a
// power cut could lose them, the object with the one, the types with the
// other). A lazy put syncs none.
func TestPutSyncsTheEntriesOfEveryFolderItMade(t *testing.T) {
	ctx := context.Background()
	body := "杭州市学习型城市建设工作总结"
	for _, c := range []struct {
		name, key   string
		otherDevice bool // the local file is on another file system
		noAttrs     bool
		want        []string
	}{
		{"a local file on another file system", "originals/ab/cd", true, false,
			[]string{"objects", "objects/originals", "objects/originals/ab"}},
		{"a type kept in meta/", "text/a.json", false, true,
			[]string{"meta", "objects", "objects/text"}},
		{"both", "originals/ef/gh", true, true,
			[]string{"meta", "meta/originals", "objects", "objects/originals", "objects/originals/ef"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			f, err := NewFolder(root)
			if err != nil {
				t.Fatal(err)
			}
			f.noAttrs = c.noAttrs
			var synced []string
			syncDir = func(dir string) error {
				rel, err := filepath.Rel(root, dir)
				if err != nil {
					t.Fatal(err)
				}
				synced = append(synced, filepath.ToSlash(rel))
				return nil
			}
			t.Cleanup(func() { syncDir = syncDirNow })
			if c.otherDevice {
				rename = acrossDevices(f.tmp)
				t.Cleanup(func() { rename = renameFile })
			}
			path := filepath.Join(t.TempDir(), "上传.txt")
			if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := f.PutFile(ctx, c.key, path, int64(len(body)), "text/plain"); err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(f.path(f.objects, c.key)); err != nil || string(got) != body {
				t.Fatalf("stored %q, %v; want the file's bytes", got, err)
			}
			slices.Sort(synced)
			if synced = slices.Compact(synced); !slices.Equal(synced, c.want) {
				t.Errorf("%s: folders synced %q, want %q", c.key, synced, c.want)
			}
			if f.sharedSyncs {
				synced = nil
				if err := f.PutLazy(ctx, "lazy/a", strings.NewReader(body), int64(len(body)), "text/plain"); err != nil {
					t.Fatal(err)
				}
				if len(synced) != 0 {
					t.Errorf("a lazy put into new folders synced %q, want none (Flush syncs the file system)", synced)
				}
			}
		})
	}
}

// acrossDevices is a rename for which every file outside tmp is on
// another file system, as rename(2) answers: a missing folder first
// (ENOENT), else EXDEV.
func acrossDevices(tmp string) func(oldname, newname string) error {
	return func(oldname, newname string) error {
		if strings.HasPrefix(oldname, tmp+string(filepath.Separator)) {
			return renameFile(oldname, newname)
		}
		errno := syscall.EXDEV
		if _, err := os.Stat(filepath.Dir(newname)); err != nil {
			errno = syscall.ENOENT
		}
		return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: errno}
	}
}

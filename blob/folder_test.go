package blob_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/blob/blobtest"
	"github.com/lcmonitor/evidence/catalog"
)

func TestFolderConformance(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		s, err := blob.NewFolder(t.TempDir())
		if err != nil {
			t.Fatalf("NewFolder: %v", err)
		}
		return s
	})
}

// The same suite on a file system that keeps no extended attributes: the
// content types go to metadata files.
func TestFolderWithoutAttrsConformance(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		s, err := blob.NewFolderWithoutAttrs(t.TempDir())
		if err != nil {
			t.Fatalf("NewFolder: %v", err)
		}
		return s
	})
}

// files lists the regular files below dir, relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Creating a file is what a store's write costs most, so an object is one
// file: its content type travels on it (an extended attribute), not in a
// second file, whether it comes through Put or PutFile.
func TestFolderObjectIsOneFile(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, err := blob.NewFolder(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("杭州市学分银行建设实施方案")
	if err := s.Put(ctx, "text/abc.json", bytes.NewReader(data), int64(len(data)), "application/json"); err != nil {
		t.Fatal(err)
	}
	staged := filepath.Join(dir, "upload-1")
	if err := os.WriteFile(staged, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.PutFile(ctx, "originals/abc", staged, int64(len(data)), "application/pdf"); err != nil {
		t.Fatal(err)
	}
	got := files(t, filepath.Join(dir, "store"))
	want := []string{"objects/originals/abc", "objects/text/abc.json"}
	if !slices.Equal(got, want) {
		t.Errorf("files in the store: %q, want only %q", got, want)
	}
	for key, ctype := range map[string]string{"text/abc.json": "application/json", "originals/abc": "application/pdf"} {
		if info, err := s.Stat(ctx, key); err != nil || info.ContentType != ctype || info.Size != int64(len(data)) {
			t.Errorf("stat %s: %+v %v, want %s", key, info, err, ctype)
		}
	}
}

// Objects stored by older versions have their type in meta/<key>: it is
// still read, a new Put's type wins over it, and Delete removes it.
func TestFolderReadsMetadataFilesOfOlderObjects(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, err := blob.NewFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, body := range map[string]string{"objects/originals/old": "旧", "meta/originals/old": "text/plain\n"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if info, err := s.Stat(ctx, "originals/old"); err != nil || info.ContentType != "text/plain" {
		t.Errorf("older object: %+v %v, want text/plain", info, err)
	}
	if err := s.Put(ctx, "originals/old", bytes.NewReader([]byte("新")), -1, "application/pdf"); err != nil {
		t.Fatal(err)
	}
	if info, err := s.Stat(ctx, "originals/old"); err != nil || info.ContentType != "application/pdf" {
		t.Errorf("after a new Put: %+v %v, want application/pdf", info, err)
	}
	if err := s.Delete(ctx, "originals/old"); err != nil {
		t.Fatal(err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("files left after Delete: %q", got)
	}
}

func TestNewFolderCreatesNestedDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "evidence-data", "blobs")
	s, err := blob.NewFolder(dir)
	if err != nil {
		t.Fatalf("NewFolder(%s): %v", dir, err)
	}
	data := []byte("学习型城市")
	if err := s.Put(t.Context(), "originals/x", bytes.NewReader(data), int64(len(data)), "text/plain"); err != nil {
		t.Fatalf("put into a new folder: %v", err)
	}
}

// A crash leaves temporary files behind: they must never be listed, and old
// ones are removed when the store is opened again.
func TestFolderIgnoresAndCleansLeftovers(t *testing.T) {
	dir := t.TempDir()
	if _, err := blob.NewFolder(dir); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "tmp", "put-crashed")
	fresh := filepath.Join(dir, "tmp", "put-running")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	stale := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(old, stale, stale); err != nil {
		t.Fatal(err)
	}
	s, err := blob.NewFolder(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("stale temp file %s still there after reopening (err %v)", old, err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("recent temp file %s removed; it may belong to a running Put: %v", fresh, err)
	}
	err = s.List(t.Context(), "", func(i blob.Info) error {
		t.Errorf("list: unexpected key %s", i.Key)
		return nil
	})
	if err != nil {
		t.Fatalf("list: %v", err)
	}
}

// The originals of one upload request, stored together: a staged file
// moved in, a file held in memory written, each under its key with its
// type; a file that cannot be taken (its staged copy gone) fails alone.
func TestFolderPutFilesStoresEachFileOnItsOwn(t *testing.T) {
	ctx := context.Background()
	plan := []byte("宁波市终身教育促进条例实施方案")
	s, dir, staged := folderAndStaged(t, plan)
	summary := []byte("成都市社区教育工作总结")
	errs := s.PutFiles(ctx, []blob.LocalFile{
		{Key: "originals/plan", Path: staged, Size: int64(len(plan)), ContentType: "text/plain"},
		{Key: "originals/gone", Path: filepath.Join(dir, "upload-2"), Size: 5, ContentType: "text/plain"},
		{Key: "originals/summary", Body: bytes.NewReader(summary), Size: int64(len(summary)), ContentType: "text/html"},
	})
	if len(errs) != 3 || errs[0] != nil || errs[1] == nil || errs[2] != nil {
		t.Fatalf("PutFiles: %v, want the missing file's error alone", errs)
	}
	if _, err := os.Stat(staged); !os.IsNotExist(err) {
		t.Errorf("the staged file is still there: %v", err)
	}
	for key, want := range map[string]struct {
		data  []byte
		ctype string
	}{"originals/plan": {plan, "text/plain"}, "originals/summary": {summary, "text/html"}} {
		rc, err := s.Get(ctx, key)
		if err != nil {
			t.Fatalf("get %s: %v", key, err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		info, _ := s.Stat(ctx, key)
		if !bytes.Equal(got, want.data) || info.ContentType != want.ctype {
			t.Errorf("%s: stored %q as %q, want %q as %q", key, got, info.ContentType, want.data, want.ctype)
		}
	}
	if _, err := s.Stat(ctx, "originals/gone"); !catalog.IsNotFound(err) {
		t.Errorf("the file that could not be taken left an object: %v", err)
	}
}

// folderAndStaged is a folder store in a temporary folder and, beside
// it, a staged upload holding data.
func folderAndStaged(t *testing.T, data []byte) (s *blob.Folder, dir, staged string) {
	t.Helper()
	dir = t.TempDir()
	s, err := blob.NewFolder(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	staged = filepath.Join(dir, "upload-1")
	if err := os.WriteFile(staged, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return s, dir, staged
}

func TestFolderPutFileMovesTheFileIn(t *testing.T) {
	ctx := context.Background()
	data := []byte("杭州市学分银行建设实施方案")
	s, _, staged := folderAndStaged(t, data)
	if err := s.PutFile(ctx, "originals/abc", staged, int64(len(data)), "text/plain"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(staged); !os.IsNotExist(err) {
		t.Errorf("the staged file is still there: %v", err)
	}
	rc, err := s.Get(ctx, "originals/abc")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	info, _ := s.Stat(ctx, "originals/abc")
	if !bytes.Equal(got, data) || info.ContentType != "text/plain" {
		t.Errorf("stored %q as %q", got, info.ContentType)
	}
	os.WriteFile(staged, data[:3], 0o600)
	if err := s.PutFile(ctx, "originals/def", staged, int64(len(data)), "text/plain"); err == nil {
		t.Errorf("a file of the wrong size was taken")
	}
	if _, err := s.Stat(ctx, "originals/def"); !catalog.IsNotFound(err) {
		t.Errorf("a refused PutFile left an object: %v", err)
	}
	if err := s.PutFile(ctx, "../x", staged, 3, ""); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("invalid key: %v", err)
	}
}

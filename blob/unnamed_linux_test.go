package blob_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/blob/blobtest"
)

// TestFolderNamedTempConformance runs the suite on the store as on a file
// system without unnamed files: its Put names files in tmp/.
func TestFolderNamedTempConformance(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		s, err := blob.NewFolderNamedTemp(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// lookingReader calls look once its first half has been read, while the
// Put reading it is writing its file.
type lookingReader struct {
	r      io.Reader
	looked bool
	look   func()
}

func (l *lookingReader) Read(p []byte) (int, error) {
	if !l.looked {
		l.looked = true
		l.look()
	}
	return l.r.Read(p[:min(len(p), 4)])
}

// TestFolderPutWritesNoNamedTempFile holds that on Linux a Put writes its
// file without a name until it is whole and synced: nothing appears in
// tmp/ or in the object's folder meanwhile (a crash then leaves nothing),
// and the object replaces an older one atomically.
func TestFolderPutWritesNoNamedTempFile(t *testing.T) {
	dir := t.TempDir()
	s, err := blob.NewFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for _, body := range []string{"第一版内容", "第二版内容,更长一些"} {
		var during []string
		r := &lookingReader{r: strings.NewReader(body), look: func() {
			for _, d := range []string{filepath.Join(dir, "tmp"), filepath.Join(dir, "objects", "text")} {
				entries, _ := os.ReadDir(d)
				for _, e := range entries {
					during = append(during, filepath.Join(filepath.Base(d), e.Name()))
				}
			}
		}}
		if err := s.Put(ctx, "text/a.json", r, int64(len(body)), "application/json"); err != nil {
			t.Fatalf("put %q: %v", body, err)
		}
		if len(during) > 1 || len(during) == 1 && during[0] != "text/a.json" {
			t.Errorf("put %q: files named while writing: %q, want none but the older object", body, during)
		}
		rc, err := s.Get(ctx, "text/a.json")
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(got, []byte(body)) {
			t.Errorf("get after put: got %q, want %q", got, body)
		}
		info, err := s.Stat(ctx, "text/a.json")
		if err != nil || info.ContentType != "application/json" {
			t.Errorf("stat after put: %+v, %v; want type application/json", info, err)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(entries) != 0 {
		t.Errorf("tmp/ after the puts holds %d files, want none", len(entries))
	}
}

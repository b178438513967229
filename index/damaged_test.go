package index

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An index whose files open but Bleve cannot read is damaged (rebuilt
// from the stored text); one whose files the user running evidence may
// not open is not: it says to check the owner and permissions, since
// moving it aside and rebuilding would not mend that.
func TestDamagedIsTheDataNotTheMachine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Index(context.Background(), []Document{{ID: "d1", Pages: []string{"杭州市建立学分银行。"}}}); err != nil {
		t.Fatal(err)
	}
	b.Close()
	segs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment written")
	}

	// Sound files this process may not open (as when the index belongs
	// to root and serve runs as another user).
	openIndexFile = func(path string) (io.Closer, error) {
		if strings.HasSuffix(path, ".zap") || strings.HasSuffix(path, "index_meta.json") {
			return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrPermission}
		}
		return os.Open(path)
	}
	defer func() { openIndexFile = func(path string) (io.Closer, error) { return os.Open(path) } }()
	err = damaged(dir, errors.New("error parsing mapping JSON"))
	if errors.Is(err, ErrDamaged) || !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "权限") {
		t.Errorf("unreadable sound files: %v; want a permission problem, not a damaged index", err)
	}

	openIndexFile = func(path string) (io.Closer, error) { return os.Open(path) }
	if err := damaged(dir, errors.New("error parsing mapping JSON")); !errors.Is(err, ErrDamaged) {
		t.Errorf("readable files Bleve cannot parse: %v; want ErrDamaged", err)
	}
}

// An index whose every segment is cut short opens in Bleve as an empty
// index (it passes over each snapshot it cannot load) without the schema
// it was created with: that is a damaged index, whose files are kept, not
// one of an older format, which is deleted once rebuilt.
func TestIndexOfUnloadableSnapshotsIsDamaged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{"杭州市建立学分银行。", "宁波市社区教育工作总结。"} {
		if err := b.Index(context.Background(), []Document{{ID: string(rune('a' + i)), Pages: []string{text}}}); err != nil {
			t.Fatal(err)
		}
	}
	b.Close()
	segs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment written")
	}
	for _, s := range segs {
		fi, err := os.Stat(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(s, fi.Size()/2); err != nil {
			t.Fatal(err)
		}
	}
	b, err = Open(dir)
	if err == nil {
		b.Close()
		t.Fatal("an index whose segments are all cut short opened")
	}
	if !errors.Is(err, ErrDamaged) || errors.Is(err, ErrSchema) {
		t.Errorf("got %v, want a damaged index, not one of an older format", err)
	}
}

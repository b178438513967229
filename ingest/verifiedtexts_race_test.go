package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// statHook runs hook once, at the next Stat.
type statHook struct {
	blob.Store
	hook func()
}

func (s *statHook) Stat(ctx context.Context, key string) (blob.Info, error) {
	if h := s.hook; h != nil {
		s.hook = nil
		h()
	}
	return s.Store.Stat(ctx, key)
}

// TestATextWrittenAgainWhileOpenedIsNotTakenForChecked: a text replaced
// by a damaged one just as a whole read opens it must not have the new
// version remembered as checked for the old bytes: a part read after it
// is refused, not served as checked.
func TestATextWrittenAgainWhileOpenedIsNotTakenForChecked(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cat, err := catalog.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	folder, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	const sha = "dd44"
	pages := []string{"第1页：" + strings.Repeat("全年共举办342场市民大讲堂。", 300)}
	h, err := ingest.SaveText(ctx, folder, sha, &ingest.StoredText{Extractor: "txt", Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.RecordTextHash(ctx, sha, h); err != nil {
		t.Fatal(err)
	}
	key := catalog.TextKey(sha)
	rc, _ := folder.Get(ctx, key)
	good, _ := io.ReadAll(rc)
	rc.Close()
	bad := bytes.Replace(good, []byte("342场"), []byte("999场"), -1)
	w := &statHook{Store: folder}
	store := ingest.NewVerifiedTexts(w, cat)
	// The text is replaced (damaged) at the whole read's first Stat: with
	// the version learnt after the open, the old bytes would vouch for it.
	w.hook = func() {
		if err := folder.Put(ctx, key, bytes.NewReader(bad), int64(len(bad)), "application/json"); err != nil {
			t.Fatal(err)
		}
	}
	// Read whole: the damaged text it now opens is refused.
	if _, err := ingest.LoadText(ctx, store, sha); !errors.Is(err, ingest.ErrBadText) {
		t.Errorf("whole read after the text was damaged: %v, want ErrBadText", err)
	}
	r, err := store.GetRange(ctx, key, 100, 200, "")
	if errors.Is(err, ingest.ErrBadText) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	r.Close()
	t.Errorf("damaged version served as verified: %q", b)
}

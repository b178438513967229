package ingest

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// keysGot is a blob store that notes the keys read whole.
type keysGot struct {
	blob.Store
	mu   sync.Mutex
	keys []string
}

func (k *keysGot) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	k.mu.Lock()
	k.keys = append(k.keys, key)
	k.mu.Unlock()
	return k.Store.Get(ctx, key)
}

func (k *keysGot) take() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	keys := k.keys
	k.keys = nil
	slices.Sort(keys)
	return keys
}

// TestRereadLoadsOnlyTextsItMustLookAt: 重新读取 picks the texts older
// readers gave from the catalog: it loads the text of a document the
// catalog says an older reader read and, once, that of one whose reader
// the catalog has not recorded (stored before it did), records that
// reader, and never loads a text today's reader gave; a second run loads
// no text at all. Its progress counts the texts looked at, then the
// originals read.
func TestRereadLoadsOnlyTextsItMustLookAt(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	older := submitText(t, svc, "活动周.txt", "宁波市终身学习活动周期间共开展学习活动1260场。").Document
	unknown := submitText(t, svc, "学分银行.txt", "杭州市学分银行累计存入学分三万余条。").Document
	current := submitText(t, svc, "社区教育.txt", "社区教育网络覆盖全市所有街道。").Document
	waitFor(t, done, 3)
	svc.Close()
	readByAnOlderReader(t, r, older.SHA256)
	forgetReaders(t, r, unknown.ID)

	blobs := &keysGot{Store: r.blobs}
	svc = New(r.cat, blobs, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	t.Cleanup(svc.Close)
	var steps [][2]int
	queued, _, err := svc.RereadOutdated(ctx, func(done, total int) { steps = append(steps, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(queued, []string{older.ID}) {
		t.Errorf("queued %v, want only %s, whose text an older reader gave", queued, older.ID)
	}
	// The admin page's done/total: two texts looked at, then one original
	// read, one count that never goes back.
	if want := [][2]int{{1, 2}, {2, 3}, {3, 3}}; !slices.Equal(steps, want) {
		t.Errorf("progress %v, want %v", steps, want)
	}
	want := []string{catalog.TextKey(older.SHA256), catalog.TextKey(unknown.SHA256), catalog.OriginalKey(older.SHA256)}
	slices.Sort(want)
	if got := blobs.take(); !slices.Equal(got, want) {
		t.Errorf("the run read %v,\nwant %v: the older reader's text and its original, the unrecorded one's text, not %s",
			got, want, catalog.TextKey(current.SHA256))
	}
	if c, err := svc.CountOutdated(ctx); err != nil || c.Unknown != 0 {
		t.Errorf("after the run: %+v, %v; want the unrecorded reader recorded", c, err)
	}
	if _, _, err := svc.RereadOutdated(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := blobs.take(); len(got) != 0 {
		t.Errorf("a second run read %v, want nothing", got)
	}
}

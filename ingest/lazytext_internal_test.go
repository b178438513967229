package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// flushWatch is the folder store with its lazy puts and flushes watched:
// which texts were put lazily, whether any of them had its hash recorded
// before a flush covered it, and the first failFlushes flushes fail.
type flushWatch struct {
	*blob.Folder
	cat *catalog.Store

	mu          sync.Mutex
	unflushed   []string // texts put lazily since the last good flush
	lazyPuts    int
	putsOf      map[string]int // lazy puts of each text
	flushes     int
	failFlushes int
	early       []string // texts recorded before a flush covered them
}

func (w *flushWatch) PutLazy(ctx context.Context, key string, r io.Reader, size int64, ctype string) error {
	if err := w.Folder.PutLazy(ctx, key, r, size, ctype); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.unflushed = append(w.unflushed, key)
	w.lazyPuts++
	w.putsOf[key]++
	return nil
}

func (w *flushWatch) Flush(ctx context.Context) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, key := range w.unflushed {
		sha := strings.TrimSuffix(strings.TrimPrefix(key, "text/"), ".json")
		if _, err := w.cat.TextHashOf(ctx, sha); err == nil {
			w.early = append(w.early, key)
		}
	}
	w.flushes++
	if w.flushes <= w.failFlushes {
		return errors.New("同步文件系统失败：磁盘 I/O 错误")
	}
	w.unflushed = nil
	return w.Folder.Flush(ctx)
}

// watchFlushes puts a flushWatch in front of the rig's folder store.
func watchFlushes(r *rig, failFlushes int) *flushWatch {
	w := &flushWatch{Folder: r.blobs.(*blob.Folder), cat: r.cat, failFlushes: failFlushes, putsOf: map[string]int{}}
	r.blobs = w
	return w
}

// submitWaiting submits n texts to a pipeline that is not running, so the
// next one started finds them all waiting and records them in batches.
func submitWaiting(t *testing.T, r *rig, n int) []string {
	t.Helper()
	first, _ := r.service(t)
	var ids []string
	for i := range n {
		out := submitText(t, first, fmt.Sprintf("总结%d.txt", i),
			fmt.Sprintf("第%d号工作总结：社区教育学分银行建设推进情况，全年开展学习活动%d场。", i, 10+i))
		ids = append(ids, out.Document.ID)
	}
	first.Close()
	return ids
}

// A fresh upload's text is saved without a sync of its own and made
// durable with its batch, by one flush, before the catalog records its
// hash (bench/README.md, ingest step 19): no text is recorded before a
// flush covered it, and a batch costs one flush, not one a document.
func TestFreshTextsAreFlushedWithTheirBatchBeforeTheyAreRecorded(t *testing.T) {
	r := newRig(t)
	w := watchFlushes(r, 0)
	ids := submitWaiting(t, r, 12)
	svc, done := r.service(t)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := waitFor(t, done, len(ids))
	for _, id := range ids {
		if got[id].Status != catalog.StatusIndexed {
			t.Fatalf("%s: %s %s", id, got[id].Status, got[id].Error)
		}
		if _, err := r.cat.TextHashOf(context.Background(), got[id].SHA256); err != nil {
			t.Errorf("%s: text hash not recorded: %v", id, err)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.lazyPuts != len(ids) {
		t.Errorf("%d texts put lazily, want %d", w.lazyPuts, len(ids))
	}
	if len(w.early) > 0 {
		t.Errorf("texts recorded before a flush made them durable: %v", w.early)
	}
	if w.flushes == 0 || w.flushes >= len(ids) {
		t.Errorf("%d flushes for %d documents waiting together, want one a batch", w.flushes, len(ids))
	}
}

// A flush that fails fails no document: its documents are tried again,
// their texts found with no hash recorded are put again (a page whose
// write failed is clean, and a flush would not write it again) and
// flushed, and they are indexed.
func TestTextsWhoseFlushFailedAreTriedAgain(t *testing.T) {
	r := newRig(t)
	w := watchFlushes(r, 1)
	ids := submitWaiting(t, r, 3)
	done := make(chan *catalog.Document, 10)
	svc := New(r.cat, r.blobs, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 2, RetryDelay: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), OnDone: func(d *catalog.Document) { done <- d }})
	t.Cleanup(svc.Close)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := waitFor(t, done, len(ids))
	for _, id := range ids {
		if got[id].Status != catalog.StatusIndexed {
			t.Errorf("%s: %s %s, want indexed after the failed flush", id, got[id].Status, got[id].Error)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.flushes < 2 {
		t.Errorf("%d flushes, want the failed one and another", w.flushes)
	}
	for _, id := range ids {
		if key := catalog.TextKey(got[id].SHA256); w.putsOf[key] < 2 {
			t.Errorf("%s put %d times, want again after the failed flush", key, w.putsOf[key])
		}
	}
	if len(w.early) > 0 {
		t.Errorf("texts recorded before a good flush covered them: %v", w.early)
	}
}

// A failed flush concerns every text put before it, also one that a later
// flush covers: flushes run one at a time, so one that failed before a
// text's put began does not concern it.
func TestTextFlushesLostSinceAFailure(t *testing.T) {
	var f textFlushes
	if f.lost(0) != nil {
		t.Fatal("a text is lost with no flush failed")
	}
	f.started.Store(3)
	f.failed, f.cause = 2, errors.New("同步文件系统失败")
	for _, tc := range []struct {
		since uint64
		lost  bool
	}{
		{0, true},  // put before any flush: the failed one may concern it
		{1, true},  // put while flush 2 had not begun
		{2, true},  // put while flush 2 ran, perhaps before its epoch ended
		{3, false}, // put after flush 2 had ended
	} {
		if got := f.lost(tc.since) != nil; got != tc.lost {
			t.Errorf("a text put after %d flushes started: lost %v, want %v", tc.since, got, tc.lost)
		}
	}
}

package ingest

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/index"
)

// wrappedIndex names an embedded index.Index apart from its Index method.
type wrappedIndex = index.Index

// failingDeletes is an index whose deletes fail while fail is set.
type failingDeletes struct {
	wrappedIndex
	fail atomic.Bool
}

func (f *failingDeletes) Delete(ctx context.Context, ids ...string) error {
	if f.fail.Load() {
		return errors.New("索引磁盘已满")
	}
	return f.wrappedIndex.Delete(ctx, ids...)
}

// TestFailedUnindexIsToldAndTriedAgain: a deleted document whose removal
// from the index fails is told to searches (DeletesNotApplied), which
// leave it out of their counts, and its removal is tried again until it
// succeeds, not left till the next start (review s55).
func TestFailedUnindexIsToldAndTriedAgain(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	idx := &failingDeletes{wrappedIndex: r.idx}
	svc := New(r.cat, r.blobs, idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 1, RetryDelay: 20 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	t.Cleanup(svc.Close)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	doc := index.Document{ID: "D1", Title: "杭州市学分银行建设实施意见", City: "330100"}
	if err := r.idx.Index(ctx, []index.Document{doc}); err != nil {
		t.Fatal(err)
	}
	idx.fail.Store(true)
	svc.UnindexAfterDelete(ctx, "D1")
	ids, gen := svc.DeletesNotApplied()
	if !slices.Equal(ids, []string{"D1"}) || gen == 0 {
		t.Fatalf("after the failed removal searches are told %v (generation %d), want D1", ids, gen)
	}
	time.Sleep(100 * time.Millisecond) // retries fail meanwhile
	idx.fail.Store(false)
	deadline := time.Now().Add(10 * time.Second)
	for {
		ids, _ := svc.DeletesNotApplied()
		if len(ids) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the removal was not tried again: searches are still told %v", ids)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if held, err := r.idx.IDs(ctx); err != nil || slices.Contains(held, "D1") {
		t.Errorf("the index holds %v (%v) after the retry, want D1 removed", held, err)
	}
}

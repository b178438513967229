package ingest

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// behindAtWrite is an index that records whether the index's background
// work was said to be behind (lowprio.Behind) as each write began.
type behindAtWrite struct {
	innerIndex
	behind []bool
}

func (b *behindAtWrite) Index(ctx context.Context, docs []index.Document) error {
	b.behind = append(b.behind, lowprio.IsBehind())
	return b.innerIndex.Index(ctx, docs)
}

type innerIndex = index.Index

// TestAnEditsReindexIsWrittenAtTheSearchesPriority: the write of a
// document edited (Refresh) says the index's background work is behind,
// as a batch holding an old upload does: its user waits to find it so.
// It ran with the last batch's word, perhaps hours old, and after a batch
// of fresh uploads at the low priority, behind every search (review s58,
// low). Once written, the last batch's word holds again: the edit's word
// stayed until the next batch, and the merges meanwhile ran at the
// searches' priority (review s59, low).
func TestAnEditsReindexIsWrittenAtTheSearchesPriority(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	idx := &behindAtWrite{innerIndex: r.idx}
	done := make(chan *catalog.Document, 10)
	svc := New(r.cat, r.blobs, idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
	})
	t.Cleanup(svc.Close)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer lowprio.Behind(false)
	d := submitText(t, svc, "社区教育工作总结.txt", "杭州市2018年社区教育工作总结：开设课程420门。").Document
	waitFor(t, done, 1)
	if lowprio.IsBehind() {
		t.Fatal("behind after a batch of a fresh upload, want caught up")
	}
	for _, lastBatchBehind := range []bool{false, true} {
		title := "杭州市2018年社区教育工作总结（修订）"
		if _, err := r.cat.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{Title: &title}, "wang"); err != nil {
			t.Fatal(err)
		}
		lowprio.Behind(lastBatchBehind) // as the last batch said
		idx.behind = nil
		if err := svc.Refresh(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
		if len(idx.behind) != 1 || !idx.behind[0] {
			t.Errorf("last batch behind %v: an edited document's index write saw behind %v, want it at the searches' priority", lastBatchBehind, idx.behind)
		}
		if got := lowprio.IsBehind(); got != lastBatchBehind {
			t.Errorf("last batch behind %v: behind %v after the edit's write, want the last batch's word again", lastBatchBehind, got)
		}
	}
}

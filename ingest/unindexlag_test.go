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

	"github.com/lcmonitor/evidence/catalog"
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

// TestRetriedUnindexSparesARestoredDocument: a deleted document whose
// removal from the index failed and that is restored before a retry
// succeeds stays in the index once the pipeline writes it again: the
// retry removes only the documents still deleted, and the write tells
// searches the restored one is no longer to be left out. The retry took
// it out of the index, with the catalog saying it is indexed, and
// searches left it out meanwhile: unfound till the next start.
func TestRetriedUnindexSparesARestoredDocument(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	idx := &failingDeletes{wrappedIndex: r.idx}
	svc := New(r.cat, r.blobs, idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 1, RetryDelay: 20 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	t.Cleanup(svc.Close)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	<-svc.reconciled // the start's pass, which would remove the deleted documents itself
	pages := []string{"杭州市学分银行建设实施意见。"}
	var docs []*catalog.Document
	for _, id := range []string{"D-恢复", "D-删除"} {
		d := &catalog.Document{ID: id, SHA256: "sha-" + id, Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
			Title: "杭州市学分银行建设实施意见", DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusIndexed, UploadedBy: "zhang"}
		if err := r.cat.CreateDocument(ctx, d, catalog.Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if err := r.idx.Index(ctx, []index.Document{IndexDocument(d, pages)}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.cat.DeleteDocument(ctx, id, "wang"); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	idx.fail.Store(true)
	svc.UnindexAfterDelete(ctx, "D-恢复", "D-删除")
	if _, err := r.cat.RestoreDocument(ctx, "D-恢复", "wang"); err != nil {
		t.Fatal(err)
	}
	// The pipeline writes the restored document again.
	if err := svc.writeIndex(ctx, []index.Document{IndexDocument(docs[0], pages)}, false); err != nil {
		t.Fatal(err)
	}
	if ids, _ := svc.DeletesNotApplied(); !slices.Equal(ids, []string{"D-删除"}) {
		t.Errorf("after the restored document was written again searches leave out %v, want D-删除 alone", ids)
	}
	idx.fail.Store(false)
	deadline := time.Now().Add(10 * time.Second)
	for {
		held, err := r.idx.IDs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(held, "D-删除") {
			if !slices.Contains(held, "D-恢复") {
				t.Errorf("the retry removed the restored document D-恢复 from the index: the index holds %v", held)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the removal of D-删除 was not tried again: the index holds %v", held)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if ids, _ := svc.DeletesNotApplied(); len(ids) != 0 {
		t.Errorf("after the retry searches still leave out %v, want none", ids)
	}
}

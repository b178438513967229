package ingest

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// A node refused while its start's pass over the index and the catalog
// ran does that pass again once it serves again: a document its index
// lost is indexed again without a restart, and a command waiting for the
// pass is told of the refusal meanwhile instead of waiting.
func TestARefusalCutsTheStartsReconcileWhichRunsAgainOnceServing(t *testing.T) {
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	lost := submitText(t, svc, "终身学习.txt", "宁波市终身教育促进条例实施情况报告。").Document.ID
	waitFor(t, done, 1)
	svc.Close()
	ctx := context.Background()
	if err := r.idx.Delete(ctx, lost); err != nil {
		t.Fatal(err)
	}

	// A newer binary migrated the catalog before this node's pass began.
	cat := sqliteVersioned(t, filepath.Join(r.dir, "catalog.db"))
	cat.set(t, 999)
	done2 := make(chan *catalog.Document, 10)
	svc2 := New(r.cat, r.blobs, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2, FollowInterval: 10 * time.Millisecond,
		Logger: slog.New(slog.DiscardHandler),
		OnDone: func(d *catalog.Document) { done2 <- d },
	})
	t.Cleanup(svc2.Close)
	svc2.outrun.set(catalog.NewerSchemaError(catalog.EUNAVAILABLE, 999, cat.version))
	if err := svc2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := svc2.Reindexed(wctx); catalog.ErrorCode(err) != catalog.EUNAVAILABLE || wctx.Err() != nil {
		t.Errorf("the start's pass asked for on a refused node: %v, want the refusal (EUNAVAILABLE) at once", err)
	}

	cat.set(t, cat.version) // a backup restored
	got := waitFor(t, done2, 1)
	if d := got[lost]; d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("a document the index lost, once the node serves again: %+v, want indexed again", got)
	}
	if ids, err := svc2.Reindexed(wctx); err != nil || len(ids) != 1 || ids[0] != lost {
		t.Errorf("the start's pass queued %v (%v), want [%s]", ids, err, lost)
	}
}

package documents_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// countedIndex counts the batches written to an index.
type countedIndex struct {
	inner   index.Index
	mu      sync.Mutex
	batches [][]string
}

func (c *countedIndex) Index(ctx context.Context, docs []index.Document) error {
	c.mu.Lock()
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	c.batches = append(c.batches, ids)
	c.mu.Unlock()
	return c.inner.Index(ctx, docs)
}

func (c *countedIndex) Delete(ctx context.Context, ids ...string) error {
	return c.inner.Delete(ctx, ids...)
}

func (c *countedIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	return c.inner.Search(ctx, q)
}

func (c *countedIndex) Count() (uint64, error)                    { return c.inner.Count() }
func (c *countedIndex) IDs(ctx context.Context) ([]string, error) { return c.inner.IDs(ctx) }
func (c *countedIndex) Close() error                              { return nil }

// movingService is the documents service of e whose refreshes of the
// index are counted.
func movingService(e *testenv.Env) (*documents.Service, *countedIndex) {
	idx := &countedIndex{inner: e.Index}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ing := ingest.New(e.Catalog, e.Blobs, idx, ingest.Config{TempDir: filepath.Join(e.T.TempDir(), "tmp"), Logger: quiet})
	return documents.NewService(e.Catalog, e.Blobs, ing, e.Search), idx
}

// A bulk move moves each document on its own — its outcome, its
// document.move event, its own refusal (the same file already in the
// city) — and brings the moved documents to the index together, not a
// batch of the index each: each batch waited behind the indexing of
// uploads, and 40 documents took 37 s under uploads (probe s47 #3).
func TestBulkMoveRefreshesTheIndexOnceForAll(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	var ids []string
	for i := range 5 {
		d := e.Upload("330100", fmt.Sprintf("宁波报道%d.txt", i), fmt.Sprintf("宁波市第%d届全民终身学习活动周开幕。", i))
		ids = append(ids, d.ID)
	}
	there := e.Upload("330200", "宁波报道0.txt", "宁波市第0届全民终身学习活动周开幕。")
	for _, id := range append(ids, there.ID) {
		e.WaitIndexed(id)
	}
	svc, idx := movingService(e)
	out, err := svc.Bulk(ctx, testenv.Admin, documents.BulkChange{IDs: append(ids, "01NOSUCHDOCUMENT"), City: "330200"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 6 {
		t.Fatalf("%d outcomes, want one for each of the 6 documents", len(out))
	}
	if catalog.ErrorCode(out[0].Err) != catalog.ECONFLICT {
		t.Errorf("the document whose file is already in 宁波: %v, want ECONFLICT", out[0].Err)
	}
	if !catalog.IsNotFound(out[5].Err) {
		t.Errorf("an unknown document: %v, want ENOTFOUND", out[5].Err)
	}
	for _, o := range out[1:5] {
		d, err := e.Catalog.Document(ctx, o.ID)
		if o.Err != nil || err != nil || d.City != "330200" || o.Title == "" || o.Reopened.Claims == nil {
			t.Errorf("document %s: outcome %+v, now %+v %v; want it moved to 宁波", o.ID, o, d, err)
		}
		evs, err := e.Catalog.FindEvents(ctx, catalog.EventFilter{Object: o.ID, Action: "document.move"})
		if err != nil || len(evs) != 1 {
			t.Errorf("document %s: %d document.move events (%v), want 1", o.ID, len(evs), err)
		}
	}
	if len(idx.batches) != 1 || len(idx.batches[0]) != 4 {
		t.Errorf("the index was written %d times (%v), want once, with the 4 documents moved", len(idx.batches), idx.batches)
	}
	res, err := e.Search.Search(ctx, search.Request{User: testenv.Admin, Query: "活动周", Cities: []string{"330200"}})
	if err != nil || res.Total != 5 {
		t.Errorf("search in 宁波 after the move: %d hits %v, want the 4 moved and the one there", res.Total, err)
	}
}

// BenchmarkBulkMove40 moves 40 documents between 杭州 and 宁波 as one bulk
// move; b.N moves.
func BenchmarkBulkMove40(b *testing.B) {
	e := testenv.New(b)
	ctx := context.Background()
	var ids []string
	for i := range 40 {
		d := e.Upload("330100", fmt.Sprintf("社区教育%d.txt", i), fmt.Sprintf("杭州市第%d个社区学校开展老年教育。", i))
		ids = append(ids, d.ID)
	}
	for _, id := range ids {
		e.WaitIndexed(id)
	}
	cities := []string{"330200", "330100"}
	for i := 0; b.Loop(); i++ {
		out, err := e.Documents.Bulk(ctx, testenv.Admin, documents.BulkChange{IDs: ids, City: cities[i%2]})
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range out {
			if o.Err != nil {
				b.Fatalf("move %s: %v", o.ID, o.Err)
			}
		}
	}
}

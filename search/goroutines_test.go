package search

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/metrics"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// goroutinesCreated is how many goroutines the process has started.
func goroutinesCreated() uint64 {
	s := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// A search's catalog reads take a millisecond or less. With a context
// that can be cancelled (every HTTP request's), database/sql and the
// SQLite driver each start a goroutine per query to watch it, which
// under make load wait for a thread like the search does; a search
// starts the same goroutines whichever context it is given.
func TestSearchStartsNoGoroutinesToWatchItsContext(t *testing.T) {
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	var docs []*catalog.Document
	var subs []catalog.Submission
	var indexed []index.Document
	for i := range 20 {
		id := fmt.Sprintf("doc-%02d", i)
		text := fmt.Sprintf("第%d份佐证材料：推进学分银行建设，开展社区教育，责任单位为市教育局。", i)
		docs = append(docs, &catalog.Document{ID: id, SHA256: fmt.Sprintf("%064x", i), Size: int64(len(text)), MIME: "text/plain",
			Format: "txt", Filename: id + ".txt", Title: id, DocType: catalog.DocWorkSummary,
			City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"})
		subs = append(subs, catalog.Submission{User: "admin"})
		indexed = append(indexed, index.Document{ID: id, Title: id, Pages: []string{text}, City: "330100"})
	}
	if err := cat.CreateDocuments(ctx, docs, subs); err != nil {
		t.Fatal(err)
	}
	if err := idx.Index(ctx, indexed); err != nil {
		t.Fatal(err)
	}
	svc := NewService(idx, cat)
	t.Cleanup(svc.Close)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	queries := []string{"学分银行", "社区教育", "学分银行 社区教育", "责任单位"}
	searchAll := func(ctx context.Context) uint64 {
		before := goroutinesCreated()
		for _, q := range queries {
			if _, err := svc.Search(ctx, Request{Query: q, User: admin}); err != nil {
				t.Fatal(err)
			}
		}
		return goroutinesCreated() - before
	}
	searchAll(ctx) // computed once; the measured searches are all kept
	request, cancel := context.WithCancel(ctx)
	defer cancel()
	// The fewest of a few rounds: a goroutine of the service's own (a
	// cache's clean-up) may start during any one.
	least := func(ctx context.Context) uint64 {
		n := searchAll(ctx)
		for range 4 {
			n = min(n, searchAll(ctx))
		}
		return n
	}
	withCancel, without := least(request), least(ctx)
	if withCancel > without {
		t.Errorf("%d searches started %d goroutines with a context that can be cancelled, %d without", len(queries), withCancel, without)
	}
}

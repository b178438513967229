package index

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// A panic out of the library in a read fails that read only; one out of a
// write makes the index unusable (the batch may have left scorch's state
// half changed), until it is opened again.
func TestPanicInAReadFailsOnlyThatRead(t *testing.T) {
	ctx := context.Background()
	idx, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index(ctx, []Document{{ID: "a", Title: "学分银行", Pages: []string{"杭州市建立学分银行。"}}}); err != nil {
		t.Fatal(err)
	}
	if err := idx.guarded(false, func() error { panic("corrupt query") }); err == nil {
		t.Fatal("a read that panicked returned no error")
	}
	if err := idx.Unusable(); err != nil {
		t.Fatalf("after a read's panic the index is unusable: %v", err)
	}
	if res, err := idx.Search(ctx, Query{Clauses: terms("学分银行"), Size: 10}); err != nil || res.Total != 1 {
		t.Fatalf("search after a read's panic: %+v, %v; want the document", res, err)
	}
	if err := idx.guarded(true, func() error { panic("half-written batch") }); catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Fatalf("a write that panicked: %v, want EUNAVAILABLE", err)
	}
	if err := idx.Unusable(); catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Fatalf("after a write's panic: Unusable %v, want EUNAVAILABLE", err)
	}
}

// An index closed while unusable is not opened again by a call that comes
// after Close (a search during shutdown): nothing would close that copy.
func TestClosedIndexIsNotOpenedAgain(t *testing.T) {
	defer func(d time.Duration) { reopenEvery = d }(reopenEvery)
	reopenEvery = 0
	idx, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	idx.markUnusable(errors.New("disk full"))
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idx.Unusable(); err == nil {
		t.Fatal("an index closed while unusable answers usable")
	}
	if idx.idx != nil {
		idx.idx.Close()
		t.Fatal("an index closed while unusable was opened again after Close")
	}
}

package blob_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// TestBindingNamesEachCatalogOnceAndStaysWithItsStore: a store names
// every catalog bound to it (a restored catalog shares its files with
// the one it came from), each once however often it is bound, and Copy
// leaves the binding out: the target's is its own, written by whoever
// copies for the catalog copied.
func TestBindingNamesEachCatalogOnceAndStaysWithItsStore(t *testing.T) {
	ctx := context.Background()
	from, err := blob.NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := blob.ReadBinding(ctx, from); !catalog.IsNotFound(err) {
		t.Fatalf("a new store's binding: %v, want ENOTFOUND", err)
	}
	now := time.Date(2026, 12, 5, 14, 0, 0, 0, time.UTC)
	for _, id := range []string{"杭州目录", "杭州目录", "恢复的目录"} {
		if err := blob.Bind(ctx, from, id, now); err != nil {
			t.Fatal(err)
		}
	}
	b, err := blob.ReadBinding(ctx, from)
	if err != nil || !slices.Equal(b.IDs(), []string{"杭州目录", "恢复的目录"}) {
		t.Fatalf("binding %v (%v), want both catalogs once each", b.IDs(), err)
	}

	to, err := blob.NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := blob.Copy(ctx, from, to, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Objects != 0 {
		t.Errorf("Copy counted %d objects in a store holding only its binding, want 0", rep.Objects)
	}
	if _, err := blob.ReadBinding(ctx, to); !catalog.IsNotFound(err) {
		t.Errorf("Copy carried the binding over: %v", err)
	}
}

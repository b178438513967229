package search

import (
	"context"
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// BenchmarkSearchPendingChanges times a search of an archive of 2,000
// documents with none, 100 and 2,000 of them pending for the index
// (extracted: their index write to come), which a search corrects its
// results by (pageAsCatalog), and counts the catalog's statements a
// search sends: with the pending set kept while the catalog's seq stays,
// none more than the stamps and the page's documents.
func BenchmarkSearchPendingChanges(b *testing.B) {
	ctx := context.Background()
	cat, idx := versionedArchive(b, 2000)
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	req := Request{Query: "学习型城市", User: admin}
	pending := 0
	for _, n := range []int{0, 100, 2000} {
		for ; pending < n; pending++ {
			if err := cat.SetStatus(ctx, catalog.StatusChange{ID: fmt.Sprintf("doc-%04d", pending), Status: catalog.StatusExtracted}); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("%d pending", n), func(b *testing.B) {
			if _, err := svc.Search(ctx, req); err != nil {
				b.Fatal(err)
			}
			stmts := cat.Statements()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := svc.Search(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cat.Statements()-stmts)/float64(b.N), "catalog-queries/op")
		})
	}
}

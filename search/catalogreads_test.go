package search

import (
	"context"
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestSearchCatalogReads counts the catalog's statements one search of
// an expert and of a coordinator sends, the second time it is asked:
// with nothing written since, the stamps and the page's documents; after
// an upload (a document of the city, not yet indexed), also the
// versions, the citations and the returned files (returnedCache) read
// again because the stamps moved, but not the
// citations' stamp a second time to keep the indicator facet's counts,
// nor the page's documents' seqs: the stamps' statement said which
// documents changed (catalog.DocumentCache.SearchStamps).
// Under load every statement is a wait for one of the eight read
// connections, so one more here shows in the searches' p99.
func TestSearchCatalogReads(t *testing.T) {
	cat, idx := versionedArchive(t, 200)
	svc := NewService(idx, cat)
	ctx := context.Background()
	users := []*catalog.User{
		{Username: "expert", Role: catalog.RoleExpert},
		{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"},
	}
	uploaded := 0
	for _, u := range users {
		for _, q := range []string{"学习型城市", "监测 数据"} {
			req := Request{Query: q, User: u}
			reads := func() int64 {
				t.Helper()
				before := cat.Statements()
				if _, err := svc.Search(ctx, req); err != nil {
					t.Fatalf("search %q as %s: %v", q, u.Username, err)
				}
				return cat.Statements() - before
			}
			reads()
			if got := reads(); got != 1 {
				t.Errorf("search %q as %s, nothing written since the last: %d catalog statements, want 1 (the stamps; the page's documents kept and checked at the same stamp)", q, u.Username, got)
			}
			uploaded++
			d := &catalog.Document{ID: fmt.Sprintf("新-%d", uploaded), SHA256: fmt.Sprintf("%064x", 100000+uploaded), Size: 9,
				MIME: "text/plain", Format: "txt", Filename: "新材料.txt", Title: "新上传的佐证材料", DocType: catalog.DocWorkSummary,
				City: "330100", Status: catalog.StatusStored, UploadedBy: "admin"}
			if err := cat.CreateDocuments(ctx, []*catalog.Document{d}, []catalog.Submission{{User: "admin"}}); err != nil {
				t.Fatal(err)
			}
			if got := reads(); got != 4 {
				t.Errorf("search %q as %s after an upload: %d catalog statements, want 4 (the stamps with the documents changed, the versions, the citations, the returned files)", q, u.Username, got)
			}
		}
	}
}

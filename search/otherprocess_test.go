package search

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestSearchSeesAnotherProcessesWritesToItsKeptHits: a search's page of
// hits is kept between searches and given unread while the stamps'
// statement lists no change of them (catalog.DocumentCache.SearchStamps);
// written by another process on the same catalog file between uploads
// (the evidence CLI beside serve), a kept hit is shown as the catalog now
// holds it: edited, moved out of the city searched, deleted.
func TestSearchSeesAnotherProcessesWritesToItsKeptHits(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	var stores [2]*catalog.Store
	for i := range stores {
		s, err := catalog.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	cat, cli := stores[0], stores[1]
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	var docs []*catalog.Document
	var indexed []index.Document
	for i := range 3 {
		id := fmt.Sprintf("社区教育-%d", i)
		docs = append(docs, &catalog.Document{ID: id, SHA256: fmt.Sprintf("%064x", 500+i), Size: 9, MIME: "text/plain",
			Format: "txt", Filename: id + ".txt", Title: "社区教育工作总结" + id, DocType: catalog.DocWorkSummary,
			City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"})
		indexed = append(indexed, index.Document{ID: id, Title: docs[i].Title, City: "330100",
			Pages: []string{"全年开展社区教育培训，覆盖全部街道。"}})
	}
	if err := cat.CreateDocuments(ctx, docs, []catalog.Submission{{User: "admin"}, {User: "admin"}, {User: "admin"}}); err != nil {
		t.Fatal(err)
	}
	if err := idx.Index(ctx, indexed); err != nil {
		t.Fatal(err)
	}
	svc := NewService(idx, cat)
	t.Cleanup(svc.Close)
	coord := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	uploaded := 0
	titles := func(after string) map[string]string {
		t.Helper()
		uploaded++
		d := &catalog.Document{ID: fmt.Sprintf("新-%d", uploaded), SHA256: fmt.Sprintf("%064x", 9000+uploaded), Size: 9,
			MIME: "text/plain", Format: "txt", Filename: "新材料.txt", Title: "新上传的佐证材料", DocType: catalog.DocWorkSummary,
			City: "330100", Status: catalog.StatusStored, UploadedBy: "admin"}
		if err := cli.CreateDocuments(ctx, []*catalog.Document{d}, []catalog.Submission{{User: "admin"}}); err != nil {
			t.Fatal(err)
		}
		res, err := svc.Search(ctx, Request{Query: "社区教育", User: coord, Cities: []string{"330100"}})
		if err != nil {
			t.Fatalf("%s: %v", after, err)
		}
		out := map[string]string{}
		for _, h := range res.Hits {
			out[h.ID] = h.Title
		}
		return out
	}
	for range 3 {
		if got := titles("kept"); len(got) != 3 {
			t.Fatalf("kept: hits %v, want the three", got)
		}
	}
	title := "社区教育工作总结（修订）"
	if _, err := cli.UpdateDocument(ctx, docs[0].ID, catalog.DocumentPatch{Title: &title}, "admin"); err != nil {
		t.Fatal(err)
	}
	if got := titles("edited"); got[docs[0].ID] != title {
		t.Errorf("edited by the other process: title %q, want %q", got[docs[0].ID], title)
	}
	if _, err := cli.MoveDocument(ctx, docs[1].ID, "330200", "admin"); err != nil {
		t.Fatal(err)
	}
	if got := titles("moved"); got[docs[1].ID] != "" {
		t.Errorf("moved to another city by the other process: still a hit of 330100 (%v)", got)
	}
	if _, err := cli.DeleteDocument(ctx, docs[2].ID, "admin"); err != nil {
		t.Fatal(err)
	}
	if got := titles("deleted"); got[docs[2].ID] != "" {
		t.Errorf("deleted by the other process: still a hit (%v)", got)
	}
}

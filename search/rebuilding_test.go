package search

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// While the index is rebuilt a result says so, found or not, so that a
// search finding less than before an upgrade says why; afterwards it does
// not.
func TestResultSaysTheIndexIsBeingRebuilt(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	d := &catalog.Document{ID: "D1", SHA256: "aa", Size: 10, MIME: "text/plain", Format: "txt", Filename: "a.txt",
		Title: "学分银行实施意见", DocType: catalog.DocPolicy, City: "330200", Status: catalog.StatusIndexed, UploadedBy: "admin"}
	if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
		t.Fatal(err)
	}
	if err := idx.Index(ctx, []index.Document{{ID: "D1", Title: d.Title, Pages: []string{"建立学分银行。"}, City: "330200"}}); err != nil {
		t.Fatal(err)
	}
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		rebuilding bool
		query      string
	}{{true, "学分银行"}, {true, "老年大学"}, {false, "学分银行"}, {false, "老年大学"}} {
		svc.SetRebuilding(tt.rebuilding)
		res, err := svc.Search(ctx, Request{Query: tt.query, User: admin})
		if err != nil {
			t.Fatal(err)
		}
		if res.Rebuilding != tt.rebuilding {
			t.Errorf("search %q while rebuilding=%v: result says rebuilding=%v", tt.query, tt.rebuilding, res.Rebuilding)
		}
	}
}

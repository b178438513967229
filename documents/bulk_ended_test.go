package documents_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A bulk change goes on to every document chosen when the request ends
// after the first (probe s46 #2: an admin moving 24 documents to another
// city closed the page, or the client timed out, and 4 moved, the other
// 20 stayed, and nothing said which). Each document is changed in its
// own transaction, so a change stopped halfway leaves the choice split.
func TestABulkChangeEndedByTheClientIsMadeWhole(t *testing.T) {
	e := testenv.New(t)
	ids := []string{
		e.Upload("330100", "宁波终身学习周.txt", "宁波市举办全民终身学习活动周。").ID,
		e.Upload("330100", "宁波社区教育.txt", "宁波市社区教育工作总结。").ID,
		e.Upload("330100", "宁波学分银行.txt", "宁波市建立学分银行。").ID,
	}
	for _, c := range []struct {
		name   string
		change documents.BulkChange
		done   func(id string) bool
	}{
		{"move to 宁波", documents.BulkChange{IDs: ids, City: "330200"}, func(id string) bool {
			d, err := e.Catalog.Document(context.Background(), id)
			return err == nil && d.City == "330200"
		}},
		{"delete", documents.BulkChange{IDs: ids, Delete: true}, func(id string) bool {
			_, err := e.Catalog.Document(context.Background(), id)
			return err != nil
		}},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		restore := documents.SetBulkChanged(func(string) { cancel() })
		out, err := e.Documents.Bulk(ctx, testenv.Admin, c.change)
		restore()
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, o := range out {
			if o.Err != nil || !c.done(o.ID) {
				t.Errorf("%s, the request ended after the first document: %s not changed (%v)", c.name, o.ID, o.Err)
			}
		}
	}
}

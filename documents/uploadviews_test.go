package documents_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestUploadViewsAskLittleOfFreshDocuments holds the upload answer's views
// (Service.Views) to the catalog statements they need: a document never
// read has no near duplicates to look up, and the request's city is looked
// up once, not once a document (bench/README.md, ingest step 26), and so
// are their links (session 58). A document read keeps its near
// duplicates.
func TestUploadViewsAskLittleOfFreshDocuments(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	first := e.Upload("330100", "通知-征求意见稿.txt", testenv.NoticeDraft)
	second := e.Upload("330100", "通知.txt", testenv.NoticeFinal)
	read, err := e.Documents.Views(ctx, coordA, []*catalog.Document{first, second})
	if err != nil {
		t.Fatal(err)
	}
	if len(read[0].NearDuplicates) == 0 || len(read[1].NearDuplicates) == 0 {
		t.Fatalf("two versions read: near duplicates %v and %v, want each the other", read[0].NearDuplicates, read[1].NearDuplicates)
	}
	// As an upload answers them: just stored, never read.
	var fresh []*catalog.Document
	for i := range 8 {
		d := *e.Upload("330100", fmt.Sprintf("总结%d.txt", i), fmt.Sprintf("杭州市第%d社区学校年度工作总结：开设课程，服务居民。", i))
		d.Status, d.Pages = catalog.StatusStored, 0
		fresh = append(fresh, &d)
	}
	before := e.Catalog.Statements()
	views, err := e.Documents.Views(ctx, coordA, fresh)
	if err != nil {
		t.Fatal(err)
	}
	asked := e.Catalog.Statements() - before
	// One for the documents' links, one for the city.
	if want := int64(2); asked > want {
		t.Errorf("views of %d fresh documents of one city: %d catalog statements, want at most %d", len(fresh), asked, want)
	}
	for i, v := range views {
		if v.CityName != "杭州" || v.Document.ID != fresh[i].ID {
			t.Errorf("view %d: document %s in %q, want %s in 杭州", i, v.Document.ID, v.CityName, fresh[i].ID)
		}
	}
}

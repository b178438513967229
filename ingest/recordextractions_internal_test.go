package ingest

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestOneBadExtractionFailsNoOtherOfItsBatch: the indexer records a
// batch's extractions in one transaction; when one of them cannot be
// recorded, the others are recorded each alone and go on to the index,
// and only that one fails, with the reason.
func TestOneBadExtractionFailsNoOtherOfItsBatch(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	s, _ := r.service(t)
	cat := r.cat

	var jobs []indexJob
	for _, id := range []string{"前", "坏", "后"} {
		d := &catalog.Document{ID: id, SHA256: "sha-" + id, Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
			DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusStored, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		change := catalog.StatusChange{ID: id, Status: catalog.StatusExtracted, Pages: 1,
			Fill: &catalog.FieldFill{Title: "关于建立学分银行的实施意见（" + id + "）"}}
		if id == "坏" {
			change.ID = "不存在" // cannot be applied
		}
		jobs = append(jobs, indexJob{doc: d, pages: []string{"学分银行"}, ext: &catalog.Extraction{ID: id, SHA256: d.SHA256, Alone: change}})
	}

	ready := s.recordExtractions(ctx, jobs)
	var got []string
	for _, j := range ready {
		got = append(got, j.doc.ID)
		if j.ext != nil {
			t.Errorf("%s is ready for the index with its extraction still to record", j.doc.ID)
		}
	}
	if len(got) != 2 || got[0] != "前" || got[1] != "后" {
		t.Fatalf("ready for the index: %v; want 前 and 后", got)
	}
	for id, want := range map[string]catalog.Status{"前": catalog.StatusExtracted, "后": catalog.StatusExtracted, "坏": catalog.StatusFailed} {
		d, err := cat.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != want {
			t.Errorf("%s is %s, want %s", id, d.Status, want)
		}
		if want == catalog.StatusExtracted && d.Title != "关于建立学分银行的实施意见（"+id+"）" {
			t.Errorf("%s was recorded without the title read from its text: %q", id, d.Title)
		}
	}
}

package ingest

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestRereadWhileAJobCarriesTheOldText: a document whose job the pipeline
// built from its old text (extracted: a start's requeue, an edit's
// Refresh) while 重新读取 runs is not marked indexed from that text over
// the run's work: the run leaves it (or, sent back, the job's marking
// leaves it stored), and the next run sends it back, so that in the end
// the index holds the new reading and nothing is counted outdated.
func TestRereadWhileAJobCarriesTheOldText(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	d := submitText(t, svc, "活动周.txt", "宁波市终身学习活动周期间共开展学习活动1260场。").Document
	waitFor(t, done, 1)
	svc.Close()

	text, err := LoadText(ctx, r.blobs, d.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	older := extract.VersionOf(text.Extractor) - 1
	old := &StoredText{Extractor: text.Extractor, Version: older, Pages: []string{"x 8 «es 7 a | Be FE"}}
	if _, err := SaveText(ctx, r.blobs, d.SHA256, old); err != nil {
		t.Fatal(err)
	}
	if err := r.cat.RecordTextReader(ctx, d.SHA256, catalog.TextReader{Name: text.Extractor, Version: older}); err != nil {
		t.Fatal(err)
	}
	// The document back in extracted, its job built from the old text.
	if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusExtracted}); err != nil {
		t.Fatal(err)
	}
	svc, done = r.service(t)
	job, err := svc.prepare(ctx, d.ID, true)
	if err != nil || job == nil || job.pages[0] != old.Pages[0] {
		t.Fatalf("job %+v, %v; want one carrying the old text", job, err)
	}

	queued, _, err := svc.RereadOutdated(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc.indexBatch(ctx, []indexJob{*job}) // the job ends after the run's first pass
	if c, err := svc.CountOutdated(ctx); err != nil || c.Texts != 1 {
		t.Fatalf("after the job: %+v, %v; want its text still counted outdated", c, err)
	}
	if len(queued) == 0 { // left to the next run, the document being in the pipeline
		if queued, _, err = svc.RereadOutdated(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(queued, []string{d.ID}) {
		t.Fatalf("queued %v, want %s", queued, d.ID)
	}
	if err := svc.Start(ctx); err != nil { // starting queues what is stored
		t.Fatal(err)
	}
	if got := waitFor(t, done, 1)[d.ID]; got == nil || got.Status != catalog.StatusIndexed {
		t.Fatalf("the document read again: %+v", got)
	}
	if n := hits(t, r.idx, "1260场"); n != 1 {
		t.Errorf("search for 1260场: %d hits, want 1 (the new reading indexed)", n)
	}
	if c, err := svc.CountOutdated(ctx); err != nil || c != (OutdatedCount{}) {
		t.Errorf("counted %+v, %v; want nothing outdated", c, err)
	}
}

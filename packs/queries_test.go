package packs_test

import (
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPackQueriesDoNotGrowWithDocuments: gathering a city's evidence pack
// asks the catalog as often for a round of many documents as for a round
// of one, instead of once more per document packed.
func TestPackQueriesDoNotGrowWithDocuments(t *testing.T) {
	e, svc, _ := withData(t)
	// The counter counts every statement on the catalog, the pipeline's
	// work after a document's indexed mark too; the least of three
	// gatherings is the pack's own.
	queries := func() (least int64, docs int) {
		for i := range 3 {
			before := e.Catalog.Statements()
			p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
			if err != nil {
				t.Fatal(err)
			}
			if n := e.Catalog.Statements() - before; i == 0 || n < least {
				least = n
			}
			docs = len(p.Docs)
		}
		return least, docs
	}
	one, _ := queries()
	e.UploadLinked(hangzhou, testenv.RoundEvidence)
	five, docs := queries()
	if docs != 5 {
		t.Fatalf("pack holds %d documents, want 5", docs)
	}
	if five != one {
		t.Errorf("pack of 1 document: %d catalog queries; of 5: %d, want as many", one, five)
	}
}

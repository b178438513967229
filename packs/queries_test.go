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
	queries := func() (int64, int) {
		before := e.Catalog.Statements()
		p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		return e.Catalog.Statements() - before, len(p.Docs)
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

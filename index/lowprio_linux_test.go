package index

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/internal/lowprio"
)

// TestIndexingWhileASearchRunsIsLowPriorityWork: with a search running,
// the analysis of the documents indexed and the building of their segment
// are handed to the low-priority thread (internal/lowprio), and a query's
// own analysis is not.
func TestIndexingWhileASearchRunsIsLowPriorityWork(t *testing.T) {
	if !lowprio.Start() {
		t.Fatal("the low-priority thread did not get its priority")
	}
	idx, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	searching := lowprio.Foreground()
	before := lowprio.Handed()
	if err := idx.Index(ctx, corpus); err != nil {
		t.Fatal(err)
	}
	// Each document's text fields by gse and by pairs, and the segment.
	if handed := lowprio.Handed() - before; handed < int64(2*len(corpus)+1) {
		t.Errorf("indexing %d documents while a search ran handed %d pieces of work to the low-priority thread, want at least %d",
			len(corpus), handed, 2*len(corpus)+1)
	}
	before = lowprio.Handed()
	res, err := idx.Search(ctx, Query{Clauses: terms("学分银行"), Size: 10})
	searching()
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); len(got) != 1 || got[0] != "bank" {
		t.Errorf("学分银行 found %v, want [bank]", got)
	}
	if handed := lowprio.Handed() - before; handed != 0 {
		t.Errorf("a search handed %d pieces of its own work to the low-priority thread, want none", handed)
	}
}

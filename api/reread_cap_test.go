package api

import (
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestRereadRunListsAreBounded: a large archive's run answers the first
// 200 documents of each list, with how many there are.
func TestRereadRunListsAreBounded(t *testing.T) {
	run := &ingest.RereadRun{Running: false}
	for i := range 250 {
		id := fmt.Sprintf("D%03d", i)
		run.Queued = append(run.Queued, id)
		run.Kept = append(run.Kept, ingest.KeptText{Document: &catalog.Document{ID: id}, Cited: 1})
		run.Fields.Changed = append(run.Fields.Changed, &catalog.Document{ID: id})
	}
	j := rereadRunJSON(run)
	if len(j.Queued) != 200 || len(j.Kept) != 200 || len(j.Changed) != 200 {
		t.Errorf("lists of %d, %d, %d; want 200 each", len(j.Queued), len(j.Kept), len(j.Changed))
	}
	if j.QueuedN != 250 || j.KeptN != 250 || j.ChangedN != 250 {
		t.Errorf("counts %d, %d, %d; want 250 each", j.QueuedN, j.KeptN, j.ChangedN)
	}
	if j.Queued[0] != "D000" || j.Changed[199].ID != "D199" {
		t.Errorf("the lists do not begin with the run's first: %s … %s", j.Queued[0], j.Changed[199].ID)
	}
	small := rereadRunJSON(&ingest.RereadRun{})
	if small.Queued == nil || small.QueuedN != 0 {
		t.Errorf("an empty run: queued %v (%d), want [] and 0", small.Queued, small.QueuedN)
	}
}

package catalog

import (
	"context"
	"slices"
	"testing"
)

func TestMoveStatusFrom(t *testing.T) { forEachStore(t, testMoveStatusFrom) }

// testMoveStatusFrom: a change with From applies only to a document in
// one of those statuses, in the same UPDATE; another (sent back to stored
// meanwhile), and one gone, are left as they are without an error, take
// no change number, and the transaction's changes are still numbered at
// once, densely, in order.
func testMoveStatusFrom(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D1", "D2", "D3"} {
		if err := s.CreateDocument(ctx, newDoc(id, id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusExtracted}, StatusChange{ID: "D3", Status: StatusExtracted}); err != nil {
		t.Fatal(err)
	}
	// D2 stays stored; D1 and D3 were numbered 4 and 5.
	from := []Status{StatusExtracted}
	before := s.Statements()
	moved, err := s.MoveStatus(ctx,
		StatusChange{ID: "D1", Status: StatusIndexed, From: from},
		StatusChange{ID: "D2", Status: StatusIndexed, From: from},
		StatusChange{ID: "NONE", Status: StatusIndexed, From: from},
		StatusChange{ID: "D3", Status: StatusIndexed, From: from})
	if err != nil {
		t.Fatal(err)
	}
	// Four UPDATEs, two of indexed_at, and three to number the two moves
	// at once (the skipped ones gave their provisional seqs back).
	if got := s.Statements() - before; got != 9 {
		t.Errorf("took %d statements, want 9 (numbered at once)", got)
	}
	if want := []bool{true, false, false, true}; !slices.Equal(moved, want) {
		t.Errorf("moved %v, want %v", moved, want)
	}
	want := map[string]struct {
		status Status
		seq    int64
	}{"D1": {StatusIndexed, 6}, "D2": {StatusStored, 2}, "D3": {StatusIndexed, 7}}
	for id, w := range want {
		d, err := s.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != w.status || d.Seq != w.seq {
			t.Errorf("%s: %s at seq %d, want %s at %d", id, d.Status, d.Seq, w.status, w.seq)
		}
	}
	// Without From, a document that is not there is still an error.
	if err := s.SetStatus(ctx, StatusChange{ID: "NONE", Status: StatusIndexed}); !IsNotFound(err) {
		t.Errorf("a missing document without From: %v, want ENOTFOUND", err)
	}
}

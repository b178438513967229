package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestBulkMoveOfBatchesPastOneRun(t *testing.T) { forEachStore(t, testBulkMoveOfBatchesPastOneRun) }

// testBulkMoveOfBatchesPastOneRun: the pipeline's mark of a batch as
// indexed, larger than one UPDATE's run (bulkMoveRows), moves every
// document in From and no other, numbers them densely in the order given
// (not the order of their IDs), gives each its own first indexed time,
// and takes a statement a run plus the numbering's two.
func testBulkMoveOfBatchesPastOneRun(t *testing.T, s *Store) {
	ctx := context.Background()
	n := 2*bulkMoveRows + 100
	docs := make([]*Document, n)
	subs := make([]Submission, n)
	for i := range docs {
		docs[i] = newDoc(fmt.Sprintf("学习型城市%04d", i), fmt.Sprintf("sha-%04d", i))
		subs[i] = Submission{User: "zhang"}
	}
	if err := s.CreateDocuments(ctx, docs, subs); err != nil {
		t.Fatal(err)
	}
	extracted := make([]StatusChange, n)
	for i, d := range docs {
		extracted[i] = StatusChange{ID: d.ID, Status: StatusExtracted}
	}
	if err := s.SetStatus(ctx, extracted...); err != nil {
		t.Fatal(err)
	}
	order := rand.New(rand.NewPCG(1, 2)).Perm(n)
	from := []Status{StatusExtracted}
	changes := make([]StatusChange, n)
	for i, k := range order {
		changes[i] = StatusChange{ID: docs[k].ID, Status: StatusIndexed, From: from}
	}
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	clock := start
	s.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	last := docs[n-1].Seq + int64(n) // after the uploads and the extractions
	before := s.Statements()
	moved, err := s.MoveStatus(ctx, changes...)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Statements()-before, int64(3+2); got != want {
		t.Errorf("%d moves took %d statements, want %d (one UPDATE a run of %d, two to number them)", n, got, want, bulkMoveRows)
	}
	for i, c := range changes {
		d, err := s.Document(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !moved[i] || d.Status != StatusIndexed || d.Seq != last+int64(i+1) {
			t.Errorf("change %d (%s): moved %v, %s at seq %d; want moved, indexed at seq %d", i, c.ID, moved[i], d.Status, d.Seq, last+int64(i+1))
		}
		var at string
		if err := s.db.QueryRowContext(ctx, `SELECT indexed_at FROM document WHERE id = ?`, c.ID).Scan(&at); err != nil {
			t.Fatal(err)
		}
		if want := formatTime(start.Add(time.Duration(i+1) * time.Second)); at != want {
			t.Errorf("change %d (%s): first indexed at %s, want %s (its own time)", i, c.ID, at, want)
			break
		}
	}
}

func TestBulkMoveWithADocumentMovedAway(t *testing.T) {
	forEachStore(t, testBulkMoveWithADocumentMovedAway)
}

// testBulkMoveWithADocumentMovedAway: a batch of 1,100 marks indexed, one
// of whose documents was sent back to stored meanwhile (重新读取), moves
// the others by the bulk path still — a statement a run, one to close the
// gap its unwritten seq left and the numbering's two, not one a document
// — numbered densely in the order given, and leaves that one as it was.
func testBulkMoveWithADocumentMovedAway(t *testing.T, s *Store) {
	ctx := context.Background()
	n := 2*bulkMoveRows + 100
	docs := make([]*Document, n)
	subs := make([]Submission, n)
	for i := range docs {
		docs[i] = newDoc(fmt.Sprintf("社区教育%04d", i), fmt.Sprintf("sha-%04d", i))
		subs[i] = Submission{User: "zhang"}
	}
	if err := s.CreateDocuments(ctx, docs, subs); err != nil {
		t.Fatal(err)
	}
	extracted := make([]StatusChange, n)
	for i, d := range docs {
		extracted[i] = StatusChange{ID: d.ID, Status: StatusExtracted}
	}
	if err := s.SetStatus(ctx, extracted...); err != nil {
		t.Fatal(err)
	}
	order := rand.New(rand.NewPCG(3, 4)).Perm(n)
	const away = 123 // in the first run: every later row's seq is behind its gap
	if err := s.SetStatus(ctx, StatusChange{ID: docs[order[away]].ID, Status: StatusStored}); err != nil {
		t.Fatal(err)
	}
	awayDoc, err := s.Document(ctx, docs[order[away]].ID)
	if err != nil {
		t.Fatal(err)
	}
	changes := make([]StatusChange, n)
	for i, k := range order {
		changes[i] = StatusChange{ID: docs[k].ID, Status: StatusIndexed, From: []Status{StatusExtracted}}
	}
	last := awayDoc.Seq // the last change before the batch
	before := s.Statements()
	moved, err := s.MoveStatus(ctx, changes...)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Statements()-before, int64(3+1+2); got != want {
		t.Errorf("%d moves, one of them not in From, took %d statements, want %d (one UPDATE a run of %d, one to close the gap, two to number them)",
			n, got, want, bulkMoveRows)
	}
	next := last
	for i, c := range changes {
		d, err := s.Document(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if i == away {
			if moved[i] || d.Status != StatusStored || d.Seq != awayDoc.Seq {
				t.Errorf("change %d (%s), sent back meanwhile: moved %v, %s at seq %d; want not moved, stored at seq %d",
					i, c.ID, moved[i], d.Status, d.Seq, awayDoc.Seq)
			}
			continue
		}
		next++
		if !moved[i] || d.Status != StatusIndexed || d.Seq != next {
			t.Errorf("change %d (%s): moved %v, %s at seq %d; want moved, indexed at seq %d", i, c.ID, moved[i], d.Status, d.Seq, next)
		}
	}
}

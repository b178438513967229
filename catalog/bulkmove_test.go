package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestBulkMoveOfBatchesPastOneRun(t *testing.T) { forEachStore(t, testBulkMoveOfBatchesPastOneRun) }

// testBulkMoveOfBatchesPastOneRun: the pipeline's mark of a batch as
// indexed, larger than one UPDATE's run (bulkMoveRows), moves every
// document in From and no other, numbers them densely in the order given
// (not the order of their IDs), gives each its own first indexed time,
// and takes a statement a run plus the numbering's two (and on
// PostgreSQL one to lock the rows in the order of their IDs).
func testBulkMoveOfBatchesPastOneRun(t *testing.T, s *Store) {
	ctx := context.Background()
	n := 2*bulkMoveRows + 100
	docs := extractedDocuments(t, s, "学习型城市", n)
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
	want := int64(3 + 2)
	if s.dialect.name == "postgres" {
		want++ // the lock of the rows in the order of their IDs
	}
	if got := s.Statements() - before; got != want {
		t.Errorf("%d moves took %d statements, want %d (one UPDATE a run of %d, two to number them, on PostgreSQL one to lock them first)",
			n, got, want, bulkMoveRows)
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
	docs := extractedDocuments(t, s, "社区教育", n)
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
	// On PostgreSQL the one not in From is not locked, and so not in a
	// run nor given a seq: no gap to close, the lock's statement instead.
	if got, want := s.Statements()-before, int64(3+1+2); got != want {
		t.Errorf("%d moves, one of them not in From, took %d statements, want %d (one UPDATE a run of %d, one to close the gap or on PostgreSQL to lock them first, two to number them)",
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

// TestOverlappingBulkMovesDoNotDeadlock: on PostgreSQL, two nodes mark
// the same 1,100 documents indexed, each batch in its own order past a
// run (bulkMoveRows): the first's runs take ids 0–499, then 500–999; the
// second's 500–999, then 0–499, each run's ids shuffled. The first holds
// its first run's rows until the second waits for a row lock. Each
// locked rows in the order given, run after run, so the second held
// 500–999 and waited for 0–499 while the first waited for 500–999: a
// deadlock, one of them failed (40P01). Locked in the order of their
// IDs first, the second waits for the first's commit, and both moves
// are made, the second's numbered last, densely, in its order.
func TestOverlappingBulkMovesDoNotDeadlock(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	n := 2*bulkMoveRows + 100
	docs := extractedDocuments(t, s, "终身学习", n)
	last := docs[n-1].Seq + int64(n)
	shuffle := rand.New(rand.NewPCG(5, 6))
	part := func(from, to int) []int {
		p := make([]int, 0, to-from)
		for _, k := range shuffle.Perm(to - from) {
			p = append(p, from+k)
		}
		return p
	}
	a, b, c := part(0, bulkMoveRows), part(bulkMoveRows, 2*bulkMoveRows), part(2*bulkMoveRows, n)
	batch := func(order []int, from ...Status) []StatusChange {
		changes := make([]StatusChange, len(order))
		for i, k := range order {
			changes[i] = StatusChange{ID: docs[k].ID, Status: StatusIndexed, From: from}
		}
		return changes
	}
	first := batch(slices.Concat(a, b, c), StatusExtracted)
	// The second node marks them from either status, so that it moves
	// every one of them after the first too.
	second := batch(slices.Concat(b, a, c), StatusExtracted, StatusIndexed)
	held, release := make(chan struct{}), make(chan struct{})
	s.bulkRunMoved = pauseAtFirstCall(held, release)
	var moved [2][]bool
	var errs [2]error
	var wg sync.WaitGroup
	wg.Go(func() { moved[0], errs[0] = s.MoveStatus(ctx, first...) })
	<-held
	wg.Go(func() { moved[1], errs[1] = s.MoveStatus(ctx, second...) })
	waitForLockWait(t, s)
	close(release)
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("two bulk moves over the same documents: %v; %v", errs[0], errs[1])
	}
	for i := range moved {
		if got := slices.Index(moved[i], false); got >= 0 {
			t.Errorf("move %d left change %d (%s) unmoved", i+1, got, []StatusChange{first[got], second[got]}[i].ID)
		}
	}
	for i, ch := range second {
		d, err := s.Document(ctx, ch.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := last + int64(n) + int64(i+1); d.Status != StatusIndexed || d.Seq != want {
			t.Errorf("change %d of the second move (%s): %s at seq %d, want indexed at seq %d", i, ch.ID, d.Status, d.Seq, want)
			break
		}
	}
}

// TestBulkMoveClosesSeveralGaps: a batch of 1,100 marks indexed, four of
// whose documents were sent back to stored meanwhile — one early in the
// first run, the first run's last, one in the second and the batch's
// last — closes the three gaps with moved rows after them in its one
// statement, each moved row going up by the gaps above it, and is
// numbered densely in the order given by the numbering's two statements
// (SQLite: on PostgreSQL the rows not in From are not given a seq).
func TestBulkMoveClosesSeveralGaps(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	n := 2*bulkMoveRows + 100
	docs := extractedDocuments(t, s, "学习型社区", n)
	order := rand.New(rand.NewPCG(7, 8)).Perm(n)
	away := map[int]bool{5: true, bulkMoveRows - 1: true, bulkMoveRows + 200: true, n - 1: true}
	var last int64
	for i := range away {
		if err := s.SetStatus(ctx, StatusChange{ID: docs[order[i]].ID, Status: StatusStored}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range away {
		d, err := s.Document(ctx, docs[order[i]].ID)
		if err != nil {
			t.Fatal(err)
		}
		last = max(last, d.Seq)
	}
	changes := make([]StatusChange, n)
	for i, k := range order {
		changes[i] = StatusChange{ID: docs[k].ID, Status: StatusIndexed, From: []Status{StatusExtracted}}
	}
	before := s.Statements()
	moved, err := s.MoveStatus(ctx, changes...)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Statements()-before, int64(3+1+2); got != want {
		t.Errorf("%d moves, four of them not in From, took %d statements, want %d (one UPDATE a run, one to close the gaps, two to number them)",
			n, got, want)
	}
	next := last
	for i, c := range changes {
		d, err := s.Document(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if away[i] {
			if moved[i] || d.Status != StatusStored || d.Seq > last {
				t.Errorf("change %d (%s), sent back meanwhile: moved %v, %s at seq %d; want not moved, stored", i, c.ID, moved[i], d.Status, d.Seq)
			}
			continue
		}
		next++
		if !moved[i] || d.Status != StatusIndexed || d.Seq != next {
			t.Errorf("change %d (%s): moved %v, %s at seq %d; want moved, indexed at seq %d", i, c.ID, moved[i], d.Status, d.Seq, next)
			break
		}
	}
}

// extractedDocuments creates n documents named prefix0000… and moves them
// to extracted, as the pipeline has them before it marks a batch indexed.
func extractedDocuments(t *testing.T, s *Store, prefix string, n int) []*Document {
	t.Helper()
	ctx := context.Background()
	docs := make([]*Document, n)
	subs := make([]Submission, n)
	for i := range docs {
		docs[i] = newDoc(fmt.Sprintf("%s%04d", prefix, i), fmt.Sprintf("sha-%04d", i))
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
	return docs
}

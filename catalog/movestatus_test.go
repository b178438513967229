package catalog

import (
	"context"
	"slices"
	"testing"
	"time"
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
	// One UPDATE for the four (bulkMove), the first indexed time in it;
	// one to close the gap the two skipped changes left in the
	// provisional seqs (on PostgreSQL, where they are not locked and so
	// given none, the lock of the rows instead), and the two of the
	// numbering at once. They were numbered one by one: a read, the
	// counter, an UPDATE each, 6 in all.
	if got := s.Statements() - before; got != 4 {
		t.Errorf("took %d statements, want 4 (one UPDATE, one to close the gap or to lock the rows, two to number them)", got)
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

func TestStatusChangeOneUpdate(t *testing.T) { forEachStore(t, testStatusChangeOneUpdate) }

// testStatusChangeOneUpdate: a status change with the text's reading and
// reader, and the first move to indexed with its time, is one UPDATE of
// the document (plus the change's numbering), and each part lands: the
// reading and reader as given, the indexed time only the first time.
func testStatusChangeOneUpdate(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "杭州市学习型城市建设工作总结"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	conf := 0.87
	cost := func(c StatusChange) int64 {
		t.Helper()
		before := s.Statements()
		if err := s.SetStatus(ctx, c); err != nil {
			t.Fatal(err)
		}
		return s.Statements() - before
	}
	bare := cost(StatusChange{ID: "D1", Status: StatusExtracted})
	full := cost(StatusChange{ID: "D1", Status: StatusExtracted, Pages: 2,
		Reading: &Reading{PageSources: []string{SourceText, SourceOCR}, OCRConfidence: &conf, SealPages: []int{2}},
		Reader:  &TextReader{Name: "pdf", Version: 7}})
	if full != bare {
		t.Errorf("a change with its reading and reader took %d statements, one without %d: want the same (one UPDATE)", full, bare)
	}
	d, err := s.Document(ctx, "D1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != StatusExtracted || d.Pages != 2 || !slices.Equal(d.Reading.PageSources, []string{SourceText, SourceOCR}) ||
		d.Reading.OCRConfidence == nil || *d.Reading.OCRConfidence != conf || !slices.Equal(d.Reading.SealPages, []int{2}) {
		t.Errorf("after the change: %s, %d pages, reading %+v; want extracted, 2 pages, text and OCR at 0.87, seal on page 2", d.Status, d.Pages, d.Reading)
	}
	readers := map[string]*TextReader{}
	if err := s.ReadTexts(ctx, func(r ReadText) { readers[r.ID] = r.Reader }); err != nil {
		t.Fatal(err)
	}
	if r := readers["D1"]; r == nil || *r != (TextReader{"pdf", 7}) {
		t.Errorf("reader %v, want pdf 7", r)
	}
	indexedAt := func() string {
		t.Helper()
		var at string
		if err := s.db.QueryRowContext(ctx, `SELECT indexed_at FROM document WHERE id = 'D1'`).Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	first := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return first }
	if n := cost(StatusChange{ID: "D1", Status: StatusIndexed}); n != bare {
		t.Errorf("the first move to indexed took %d statements, a change without it %d: want the same (one UPDATE)", n, bare)
	}
	if got, want := indexedAt(), formatTime(first); got != want {
		t.Errorf("indexed at %q, want %q", got, want)
	}
	s.now = func() time.Time { return first.Add(time.Hour) }
	cost(StatusChange{ID: "D1", Status: StatusExtracted})
	cost(StatusChange{ID: "D1", Status: StatusIndexed})
	if got, want := indexedAt(), formatTime(first); got != want {
		t.Errorf("indexed again: indexed at %q, want the first time %q kept", got, want)
	}
}

func TestStatusChangeWithFieldsOneUpdate(t *testing.T) {
	forEachStore(t, testStatusChangeWithFieldsOneUpdate)
}

// testStatusChangeWithFieldsOneUpdate: an extraction's status change
// with the fields read from its text costs one statement more than the
// change alone (reading the fields), not two (a second UPDATE): the
// fields land with the status, are named as read, and a change From a
// status the document is not in writes neither.
func testStatusChangeWithFieldsOneUpdate(t *testing.T, s *Store) {
	ctx := context.Background()
	addRounds(t, s, 2019) // a document is uploaded into a round that exists
	for _, id := range []string{"D1", "D2", "D3"} {
		d := newDoc(id, "sha-"+id)
		d.Title, d.Round = DefaultTitle(d.Filename), "2019" // typed round: none inferred
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	cost := func(c StatusChange) int64 {
		t.Helper()
		before := s.Statements()
		if err := s.SetStatus(ctx, c); err != nil {
			t.Fatal(err)
		}
		return s.Statements() - before
	}
	fill := &FieldFill{Title: "杭州市学习型城市建设三年行动计划", DocNumber: "杭政办〔2019〕12号", Issuer: "杭州市人民政府办公厅",
		IssuedOn: "2019-04-08", Revision: 3}
	bare := cost(StatusChange{ID: "D1", Status: StatusExtracted})
	if full := cost(StatusChange{ID: "D2", Status: StatusExtracted, Fill: fill}); full != bare+1 {
		t.Errorf("a change with the fields read took %d statements, one without %d: want one more (their read)", full, bare)
	}
	d, err := s.Document(ctx, "D2")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != StatusExtracted || d.Title != fill.Title || d.DocNumber != fill.DocNumber || d.Issuer != fill.Issuer ||
		d.IssuedOn != fill.IssuedOn || d.Round != "2019" || !d.IsExtracted(FieldDocNumber) || d.IsExtracted(FieldRound) {
		t.Errorf("after the change: %s %q %q %q %q round %q, read %v; want extracted with the fields read, the typed round kept",
			d.Status, d.Title, d.DocNumber, d.Issuer, d.IssuedOn, d.Round, d.ExtractedFields)
	}
	moved, err := s.MoveStatus(ctx, StatusChange{ID: "D3", Status: StatusIndexed, Fill: fill, From: []Status{StatusExtracted}},
		StatusChange{ID: "NONE", Status: StatusIndexed, Fill: fill, From: []Status{StatusExtracted}})
	if err != nil || moved[0] || moved[1] {
		t.Fatalf("moves from extracted of a stored and a missing document: %v, %v; want neither moved", moved, err)
	}
	if d, err := s.Document(ctx, "D3"); err != nil || d.Status != StatusStored || d.Title != DefaultTitle(d.Filename) || d.DocNumber != "" {
		t.Errorf("a document not moved: %+v, %v; want stored, its fields untouched", d, err)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "NONE", Status: StatusExtracted, Fill: fill}); !IsNotFound(err) {
		t.Errorf("a missing document without From: %v, want ENOTFOUND", err)
	}
}

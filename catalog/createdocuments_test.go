package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

func TestCreateDocumentsInFewStatements(t *testing.T) {
	forEachStore(t, testCreateDocumentsInFewStatements)
}

// testCreateDocumentsInFewStatements: the files of one upload request are
// recorded with as many statements for 16 documents as for one (their
// rows, submissions and events together), eight, and 13 (8, 4 and 1 rows) each
// with its own row, submission, event and change number in the order
// given; a request with one file the city already has records none.
func testCreateDocumentsInFewStatements(t *testing.T, s *Store) {
	ctx := context.Background()
	batch := func(prefix string, n int) ([]*Document, []Submission) {
		var docs []*Document
		var subs []Submission
		for i := range n {
			d := newDoc(fmt.Sprintf("%s%02d", prefix, i), fmt.Sprintf("%s-sha-%02d", prefix, i))
			d.Title = fmt.Sprintf("学习型城市建设佐证材料%d", i)
			docs = append(docs, d)
			subs = append(subs, Submission{User: "zhang", Department: "市教育局", Filename: fmt.Sprintf("佐证材料%d.txt", i)})
		}
		return docs, subs
	}
	cost := func(prefix string, n int) int64 {
		t.Helper()
		docs, subs := batch(prefix, n)
		before := s.Statements()
		if err := s.CreateDocuments(ctx, docs, subs); err != nil {
			t.Fatal(err)
		}
		return s.Statements() - before
	}
	one, sixteen := cost("A", 1), cost("B", 16)
	if sixteen != one {
		t.Errorf("16 documents took %d statements, one %d: want the same", sixteen, one)
	}
	// The filed department's three reads, the rows, submissions and
	// events, then the counter and the rows' renumbering: the titles the
	// events record are the ones just inserted, not read back, and the
	// provisional seqs are proved by the counter's own UPDATE (issue 15).
	if one != 8 {
		t.Errorf("an upload took %d statements, want 8", one)
	}
	docs, subs := batch("C", 13)
	if err := s.CreateDocuments(ctx, docs, subs); err != nil {
		t.Fatal(err)
	}
	var last int64
	for i, d := range docs {
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != d.Title || got.SHA256 != d.SHA256 || got.Seq != d.Seq || got.Seq <= last {
			t.Errorf("%s: %q %s at seq %d, want %q %s at seq %d, after %d", d.ID, got.Title, got.SHA256, got.Seq, d.Title, d.SHA256, d.Seq, last)
		}
		last = got.Seq
		subs, err := s.Submissions(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("佐证材料%d.txt", i); len(subs) != 1 || subs[0].Filename != want || subs[0].Department != "市教育局" {
			t.Errorf("%s: submissions %+v, want one of %s by 市教育局", d.ID, subs, want)
		}
	}
	events, err := s.FindEvents(ctx, EventFilter{Action: "document.upload", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, e := range events {
		if e.Object[0] == 'C' {
			order = append(order, e.Object)
		}
	}
	slices.Reverse(order) // newest first
	var want []string
	for _, d := range docs {
		want = append(want, d.ID)
	}
	if !slices.Equal(order, want) {
		t.Errorf("upload events %v, want one a document in order %v", order, want)
	}

	// One file the city already has: none of the request is recorded.
	docs, subs = batch("D", 5)
	docs[3].SHA256 = "C-sha-07"
	if err := s.CreateDocuments(ctx, docs, subs); ErrorCode(err) != ECONFLICT {
		t.Fatalf("a request with bytes the city has: %v, want ECONFLICT", err)
	}
	for _, d := range docs {
		if _, err := s.Document(ctx, d.ID); !IsNotFound(err) {
			t.Errorf("%s after the conflict: %v, want not recorded", d.ID, err)
		}
	}
}

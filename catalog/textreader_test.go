package catalog

import (
	"context"
	"database/sql"
	"testing"
)

func TestTextReaderIsUnknownUntilRecorded(t *testing.T) {
	forEachStore(t, testTextReaderIsUnknownUntilRecorded)
}

// testTextReaderIsUnknownUntilRecorded: a document extracted before
// migration 022 has no reader on record (unknown, not "current"); loading
// its text records it for every document with its bytes, and an
// extraction records its own; a document not yet extracted is not listed.
func testTextReaderIsUnknownUntilRecorded(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D-old", "D-copy", "D-new", "D-stored"} {
		sha := "sha-" + id
		if id == "D-copy" {
			sha = "sha-D-old"
		}
		d := newDoc(id, sha)
		if id == "D-copy" {
			d.City = "330200" // another city's copy of the same bytes
		}
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"D-old", "D-copy"} {
		if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusIndexed}); err != nil {
			t.Fatal(err)
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := undoSubmissionAssignment(ctx, tx); err != nil { // 023
			return err
		}
		if err := undoTextReader(ctx, tx); err != nil {
			return err
		}
		return s.dialect.setVersion(ctx, tx, 21)
	})
	if err != nil {
		t.Fatalf("wind the catalog back to version 21: %v", err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate from 21: %v", err)
	}
	err = s.SetStatus(ctx, StatusChange{ID: "D-new", Status: StatusExtracted, Reader: &TextReader{Name: "pdf", Version: 7}})
	if err != nil {
		t.Fatal(err)
	}
	readers := func() map[string]*TextReader {
		t.Helper()
		got := map[string]*TextReader{}
		if err := s.ReadTexts(ctx, func(r ReadText) { got[r.ID] = r.Reader }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := readers()
	if len(got) != 3 || got["D-old"] != nil || got["D-copy"] != nil || got["D-new"] == nil || *got["D-new"] != (TextReader{"pdf", 7}) {
		t.Fatalf("readers after migrating: %v, want D-old and D-copy unknown, D-new pdf 7, D-stored not listed", got)
	}
	if err := s.RecordTextReader(ctx, "sha-D-old", TextReader{Name: "text", Version: 5}); err != nil {
		t.Fatal(err)
	}
	got = readers()
	for _, id := range []string{"D-old", "D-copy"} {
		if r := got[id]; r == nil || *r != (TextReader{"text", 5}) {
			t.Errorf("%s after its text was loaded: %v, want text 5", id, r)
		}
	}
}

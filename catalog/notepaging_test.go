package catalog

import (
	"context"
	"fmt"
	"testing"
)

func TestNotesPaged(t *testing.T) { forEachStore(t, testNotesPaged) }

// testNotesPaged: a document's notes come all (the oldest 100 did, and a
// note written on a document with 100 was saved but never shown), and an
// author's notes a page at a time with their count.
func testNotesPaged(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	for i := range 105 {
		if err := s.CreateNote(ctx, &Note{DocumentID: "D1", Page: 1, Body: fmt.Sprintf("第%d条批注：请核对学分银行的数据", i), Author: "zhou"}); err != nil {
			t.Fatal(err)
		}
	}
	if all, err := s.FindNotes(ctx, NoteFilter{DocumentID: "D1"}); err != nil || len(all) != 105 {
		t.Errorf("the document's notes: %d, %v; want all 105", len(all), err)
	}
	f := NoteFilter{Author: "zhou", Limit: 50, Offset: 100}
	page, err := s.FindNotes(ctx, f)
	if err != nil || len(page) != 5 || page[4].Body != "第104条批注：请核对学分银行的数据" {
		t.Errorf("zhou's notes from the 101st: %v, %v; want the last 5", page, err)
	}
	if n, err := s.CountNotes(ctx, f); err != nil || n != 105 {
		t.Errorf("count of zhou's notes: %d, %v; want 105", n, err)
	}
}

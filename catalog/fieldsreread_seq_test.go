package catalog

import (
	"context"
	"fmt"
	"testing"
)

func TestRereadFieldsRenumbersWhatItWrites(t *testing.T) {
	forEachStore(t, testRereadFieldsRenumbersWhatItWrites)
}

// testRereadFieldsRenumbersWhatItWrites: a reading that changes no field's
// value but ends a guessed 文号 (read as written now) rewrites the row, so
// it takes a new change number (a row kept by its seq, as search keeps
// its hits' documents, must see it) and stays indexed.
func testRereadFieldsRenumbersWhatItWrites(t *testing.T, s *Store) {
	ctx := context.Background()
	d := newDoc("D-猜测文号", fmt.Sprintf("%064x", 7))
	d.Title = DefaultTitle(d.Filename)
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	guess := FieldFill{Title: "关于推进学习型城市建设的意见", DocNumber: "教发〔2023〕12号", DocNumberRead: "教发〔2023〕125"}
	if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &guess}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if before.DocNumberRead == "" {
		t.Fatalf("the 文号 read as a guess was not kept: %+v", before)
	}
	asWritten := guess
	asWritten.DocNumberRead, asWritten.Revision = "", 1
	changed, err := s.RereadFields(ctx, d.ID, asWritten)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) != 0 {
		t.Fatalf("read again with the same values: changed %v, want none", changed)
	}
	after, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.DocNumberRead != "" {
		t.Fatalf("read as written: the guess %q is still kept", after.DocNumberRead)
	}
	if after.Seq <= before.Seq {
		t.Errorf("the row was written again (the guess ended) but kept its change number %d (before %d)", after.Seq, before.Seq)
	}
	if after.Status != StatusIndexed {
		t.Errorf("no field changed, yet the document went to %s, want it left indexed", after.Status)
	}
}

func TestRereadFieldsThatChangesNothingKeepsTheSeq(t *testing.T) {
	forEachStore(t, testRereadFieldsThatChangesNothingKeepsTheSeq)
}

// testRereadFieldsThatChangesNothingKeepsTheSeq (review s47 #2): a reading
// by a newer field reader that changes nothing a Document holds (its
// fields_revision alone) keeps the document's change number, so that the
// nodes following the catalog do not load and index its text again, and
// records the revision, so that it is not read again.
func testRereadFieldsThatChangesNothingKeepsTheSeq(t *testing.T, s *Store) {
	ctx := context.Background()
	d := newDoc("D-无变化", fmt.Sprintf("%064x", 8))
	d.Title = DefaultTitle(d.Filename)
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	fill := FieldFill{Title: "关于推进学习型城市建设的意见", DocNumber: "教发〔2023〕12号", Issuer: "杭州市教育局"}
	if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &fill}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	again := fill
	again.Revision = fill.Revision + 1
	changed, err := s.RereadFields(ctx, d.ID, again)
	if err != nil || len(changed) != 0 {
		t.Fatalf("read again with the same values: changed %v, %v; want none", changed, err)
	}
	after, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Seq != before.Seq || after.Status != StatusIndexed {
		t.Errorf("a reading that changed nothing: seq %d → %d, status %s; want the seq kept and indexed", before.Seq, after.Seq, after.Status)
	}
	var left []string
	if err := s.DocumentsWithFieldsBefore(ctx, again.Revision, func(d *Document) { left = append(left, d.ID) }); err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("documents still to read with revision %d: %v; want none (the revision recorded)", again.Revision, left)
	}
}

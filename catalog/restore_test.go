package catalog

import (
	"context"
	"testing"
)

func TestRestoreDocument(t *testing.T) { forEachStore(t, testRestoreDocument) }

// testRestoreDocument: a deleted document comes back with a later change
// number (every node's index takes it again), indexed ones as extracted
// until indexed again (its links are the API's test), with a
// document.restore event; a live document is not found to restore; the bytes uploaded again
// meanwhile make the restore a conflict. DeletedCopiesBySHA256 names the
// deleted copy and who deleted it, and leaves out a withdrawn hand-in.
func testRestoreDocument(t *testing.T, s *Store) {
	ctx := context.Background()
	d := newDoc("D1", "sha-xuefen")
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteDocument(ctx, "D1", "admin"); err != nil {
		t.Fatal(err)
	}
	deleted, err := s.DocumentAnyState(ctx, "D1")
	if err != nil {
		t.Fatal(err)
	}
	copies, err := s.DeletedCopiesBySHA256(ctx, []string{"sha-xuefen", "sha-other"}, "330100")
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := copies["sha-xuefen"]; !ok || c.Document.ID != "D1" || c.DeletedBy != "admin" || c.DeletedAt.IsZero() || len(copies) != 1 {
		t.Errorf("deleted copies: %+v, want D1 deleted by admin", copies)
	}
	if other, err := s.DeletedCopiesBySHA256(ctx, []string{"sha-xuefen"}, "510100"); err != nil || len(other) != 0 {
		t.Errorf("成都's deleted copies of 杭州's bytes: %v %v, want none", other, err)
	}

	if _, err := s.RestoreDocument(ctx, "D1", "wang"); err != nil {
		t.Fatalf("restore: %v", err)
	}
	back, err := s.Document(ctx, "D1")
	if err != nil {
		t.Fatalf("the restored document: %v", err)
	}
	if back.Seq <= deleted.Seq || back.Status != StatusExtracted {
		t.Errorf("restored: seq %d (deleted at seq %d), status %s; want a later seq and extracted", back.Seq, deleted.Seq, back.Status)
	}
	events, err := s.Events(ctx, "D1", 1)
	if err != nil || len(events) != 1 || events[0].Action != "document.restore" || events[0].User != "wang" {
		t.Errorf("the last event of D1: %+v %v, want document.restore by wang", events, err)
	}
	if _, err := s.RestoreDocument(ctx, "D1", "wang"); !IsNotFound(err) {
		t.Errorf("restoring a live document: %v, want not found", err)
	}

	if _, err := s.DeleteDocument(ctx, "D1", "admin"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateDocument(ctx, newDoc("D2", "sha-xuefen"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreDocument(ctx, "D1", "wang"); ErrorCode(err) != ECONFLICT {
		t.Errorf("restoring while the city holds the bytes again: %v, want ECONFLICT", err)
	}
}

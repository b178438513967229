package catalog

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestPendingIndexChanges: the documents an index may lack are the live
// extracted ones (a change saved, its index write to come or queued) and,
// for an index that applied the changes up to a seq, those changed after
// it, deleted ones too, the latest first; the search's stamps say whether
// any document is extracted, so that a search with none pending reads
// nothing more. Both dialects.
func TestPendingIndexChanges(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, id := range []string{"D1", "D2", "D3"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		check := func(what string, after int64, want []string, wantDeleted string, wantExtracted bool) {
			t.Helper()
			changes, err := s.PendingIndexChanges(ctx, after, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range changes {
				got = append(got, c.Document.ID)
				if c.Deleted != (c.Document.ID == wantDeleted) {
					t.Errorf("%s: %s deleted %v", what, c.Document.ID, c.Deleted)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: pending after %d %v, want %v", what, after, got, want)
			}
			_, _, extracted, err := s.SearchStampsExtracted(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if extracted != wantExtracted {
				t.Errorf("%s: the stamps say extracted %v, want %v", what, extracted, wantExtracted)
			}
		}
		check("nothing extracted", -1, nil, "", false)
		for _, id := range []string{"D1", "D2"} {
			if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusExtracted}); err != nil {
				t.Fatal(err)
			}
		}
		// Fresh uploads read and not yet indexed: no index holds a copy
		// of them to correct, and a search under uploads reads nothing.
		check("D1, D2 read, never indexed", -1, nil, "", false)
		for _, id := range []string{"D1", "D2"} {
			if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusIndexed}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusExtracted}); err != nil {
			t.Fatal(err)
		}
		check("D1 extracted again after it was indexed", -1, []string{"D1"}, "", true)
		applied, err := s.LatestSeq(ctx)
		if err != nil {
			t.Fatal(err)
		}
		check("D1 extracted again, nothing changed after the index applied", applied, []string{"D1"}, "", true)
		if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusIndexed}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MoveDocument(ctx, "D2", "510100", "zhang"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteDocument(ctx, "D3", "zhang"); err != nil {
			t.Fatal(err)
		}
		// The move of an indexed document waits for its index entry to
		// be written again.
		check("D1 indexed, D2 moved, D3 deleted, not followed", -1, []string{"D2"}, "", true)
		check("D1 indexed, D2 moved, D3 deleted, after the index applied", applied, []string{"D3", "D2", "D1"}, "D3", true)
	})
}

// TestPendingIndexChangesReadTheirOwnIndex: whether any document waits
// for its index entry to be written again is asked of every search (its
// stamps); under uploads many fresh documents are extracted, so the
// question must be answered from the few re-extracted ones' own index,
// not by reading each extracted document. Both dialects.
func TestPendingIndexChangesReadTheirOwnIndex(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		plan := strings.Join(explain(t, s, `SELECT 1 FROM document WHERE `+reindexPendingSQL, nil), "\n")
		if !strings.Contains(plan, "document_reindex_pending") {
			t.Errorf("the pending documents are not read by their own index:\n%s", plan)
		}
	})
}

// TestMarkInIndex: a document read and found in an index before its move
// to indexed gets a first indexed time, and is pending; an indexed one, a
// deleted one, and one marked already are left as they are. Both
// dialects.
func TestMarkInIndex(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, id := range []string{"D1", "D2", "D3"} {
			d := newDoc(id, "sha-"+id)
			d.Status = StatusExtracted
			if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetStatus(ctx, StatusChange{ID: "D2", Status: StatusIndexed}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteDocument(ctx, "D3", "zhang"); err != nil {
			t.Fatal(err)
		}
		for i, want := range [][]string{{"D1"}, nil} {
			marked, err := s.MarkInIndex(ctx, []string{"D1", "D2", "D3"})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(marked, want) {
				t.Errorf("pass %d marked %v, want %v", i+1, marked, want)
			}
		}
		changes, err := s.PendingIndexChanges(ctx, -1, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) != 1 || changes[0].Document.ID != "D1" {
			t.Errorf("pending: %d changes, want D1 alone", len(changes))
		}
	})
}

package catalog

import (
	"context"
	"slices"
	"testing"
)

// Deleting a document sends back, on both catalogs, the reviewed values
// citing it (to pending) and the tasks left with nothing handed in (to
// open, or to returned with the last return's reason), each with an
// audit event; a task with another live document stays.
func TestDeleteReopensValuesAndTasks(t *testing.T) { forEachStore(t, testDeleteReopensValuesAndTasks) }

func testDeleteReopensValuesAndTasks(t *testing.T, s *Store) {
	ctx := context.Background()
	accepted, returned, kept := handedInTasks(t, s)
	v := &Value{City: "330100", Round: 2018, Indicator: "1.1.1", Number: 123, Given: "123个", Unit: "个",
		Citation:   Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "认定市民终身学习基地123个", QuoteFound: true, FoundOnPage: 1},
		ValueFound: true}
	if err := s.SaveValue(ctx, v, "zhang"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddValueReview(ctx, v.ID, &Review{Reviewer: "liu", Verdict: ClaimVerified, Comment: "属实"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteDocument(ctx, "D2", "admin"); err != nil { // the returned hand-in goes first
		t.Fatal(err)
	}
	got, err := s.DeleteDocument(ctx, "D1", "admin")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Values, []string{v.ID}) || len(got.Claims) != 0 {
		t.Errorf("reopened %+v, want the value %s", got, v.ID)
	}
	want := []string{accepted, returned}
	slices.Sort(want)
	if !slices.Equal(got.Assignments, want) {
		t.Errorf("reopened tasks %v, want %v (not %s, which keeps D3)", got.Assignments, want, kept)
	}
	if v2, err := s.Value(ctx, v.ID); err != nil || v2.Status != ClaimPending {
		t.Errorf("value citing D1: %+v %v, want pending", v2, err)
	}
	wantTasksSentBack(t, s, accepted, returned, kept)
	for _, obj := range []string{"value:" + v.ID, "assignment:" + accepted, "assignment:" + returned} {
		ev, err := s.Events(ctx, obj, 2)
		if err != nil {
			t.Fatal(err)
		}
		// A value's history ends with the deletion that reopened it
		// (document.delete names the values citing the document).
		if len(ev) > 0 && obj == "value:"+v.ID {
			if ev[0].Action != "document.delete" {
				t.Errorf("last event of %s: %+v, want the document's deletion", obj, ev)
			}
			ev = ev[1:]
		}
		if len(ev) == 0 || ev[0].User != "admin" || (ev[0].Action != "value.reopen" && ev[0].Action != "assignment.reopen") {
			t.Errorf("last event of %s: %+v, want a reopen by admin", obj, ev)
		}
	}
}

package catalog

import (
	"context"
	"testing"
)

// TestValueSavedUnchangedIsNoChange: saving a value exactly as its slot
// holds it (the same form sent again, a ledger imported again) set a
// reviewer's 与证据矛盾 back to 待审核 (probe s41 finding 1). Saving what
// is stored changes nothing; a real change still clears the verdict and
// names it in the event and on the value.
func TestValueSavedUnchangedIsNoChange(t *testing.T) {
	forEachStore(t, testValueSavedUnchangedIsNoChange)
}

func testValueSavedUnchangedIsNoChange(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	value := func(given string, number float64, quote string) *Value {
		return &Value{City: "330100", Round: 2018, Indicator: "1.1.1", Number: number, Given: given, Unit: "%", ValueFound: true,
			Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: quote, QuoteFound: true, FoundOnPage: 1}}
	}
	first := value("58.6", 58.6, "社区教育参与率达到58.6%")
	if err := s.SaveValue(ctx, first, "zhang"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddValueReview(ctx, first.ID, &Review{Reviewer: "liu", Verdict: ClaimContradicted, Comment: "应为56.0%，见统计公报"}); err != nil {
		t.Fatal(err)
	}
	reviewed, err := s.Value(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	updates := func() []Event {
		events, err := s.FindEvents(ctx, EventFilter{Object: "value:" + first.ID, Action: "value.update"})
		if err != nil {
			t.Fatal(err)
		}
		return events
	}

	same := value("58.6", 58.6, "社区教育参与率达到58.6%")
	if err := s.SaveValues(ctx, []*Value{same}, "zhang"); err != nil {
		t.Fatal(err)
	}
	if !same.Unchanged || same.VerdictCleared != "" || same.ID != first.ID || same.Status != ClaimContradicted {
		t.Errorf("the same value saved again: unchanged %v, cleared %q, %s %s; want unchanged, %s still %s",
			same.Unchanged, same.VerdictCleared, same.ID, same.Status, first.ID, ClaimContradicted)
	}
	got, err := s.Value(ctx, first.ID)
	if err != nil || got.Status != ClaimContradicted || !got.UpdatedAt.Equal(reviewed.UpdatedAt) {
		t.Errorf("after the same save: %+v, %v; want 与证据矛盾, updated at %v", got, err, reviewed.UpdatedAt)
	}
	if n := len(updates()); n != 0 {
		t.Errorf("the same save recorded %d value.update events, want none", n)
	}

	// Another number is a change: the verdict goes, and both say so.
	changed := value("56.0", 56, "社区教育参与率达到56.0%")
	if err := s.SaveValue(ctx, changed, "zhang"); err != nil {
		t.Fatal(err)
	}
	if changed.Unchanged || changed.Status != ClaimPending || changed.VerdictCleared != ClaimContradicted {
		t.Errorf("a changed value: unchanged %v, %s, cleared %q; want a change, pending, %s cleared",
			changed.Unchanged, changed.Status, changed.VerdictCleared, ClaimContradicted)
	}
	events := updates()
	if len(events) != 1 {
		t.Fatalf("value.update events after a change: %d, want one", len(events))
	}
	if got := events[0].Detail[EventVerdictCleared]; got != string(ClaimContradicted) {
		t.Errorf("the update's %s: %v, want %s", EventVerdictCleared, got, ClaimContradicted)
	}
}

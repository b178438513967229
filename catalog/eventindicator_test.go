package catalog

import (
	"context"
	"slices"
	"testing"
)

// FindEvents by Indicator finds the events of an indicator's claims
// (their own and those naming one), of its links (logged on their
// document), and of a claim deleted since by what its event wrote, each
// in the city asked for; never an event of another indicator whose code
// begins alike (2.3.10), nor the document's own events.
func TestEventsOfAnIndicator(t *testing.T) { forEachStore(t, testEventsOfAnIndicator) }

func testEventsOfAnIndicator(t *testing.T, s *Store) {
	ctx := context.Background()
	c := claimWithCitations(t, s, citeDoc("D1", 1, "学分银行管理办法"))
	for _, e := range []Event{
		{User: "wang", Action: "claim.edit", Object: "claim:" + c.ID, Detail: map[string]any{"statement": "杭州市建立学分银行"}},
		{User: "admin", Action: "document.delete", Object: "D2", Also: []string{"claim:" + c.ID}},
		{User: "zhao", Action: "claim.create", Object: "claim:GONE", Detail: map[string]any{"city": "330200", "indicator": "2.3.1"}},
		{User: "wang", Action: "link.create", Object: "D1", Detail: map[string]any{"link": "L1", "indicator": "2.3.1"}},
		{User: "wang", Action: "link.create", Object: "D1", Detail: map[string]any{"link": "L2", "indicator": "2.3.10"}},
		{User: "wang", Action: "note.create", Object: "D1", Detail: map[string]any{"indicator": "2.3.1"}},
	} {
		if err := s.RecordEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		indicator, city string
		want            []string // action and object, oldest first
	}{
		{"2.3.1", "", []string{"claim.create claim:" + c.ID, "claim.edit claim:" + c.ID, "document.delete D2", "claim.create claim:GONE", "link.create D1"}},
		{"2.3.1", "330100", []string{"claim.create claim:" + c.ID, "claim.edit claim:" + c.ID, "document.delete D2", "link.create D1"}},
		{"2.3.1", "330200", []string{"claim.create claim:GONE"}},
		{"2.3.10", "", []string{"link.create D1"}},
		{"2.3", "", nil},
	} {
		evs, err := s.FindEvents(ctx, EventFilter{Indicator: tt.indicator, IndicatorCity: tt.city})
		if err != nil {
			t.Fatalf("%s in %q: %v", tt.indicator, tt.city, err)
		}
		var got []string
		for _, e := range slices.Backward(evs) {
			got = append(got, e.Action+" "+e.Object)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("events of %s in %q: %q, want %q", tt.indicator, tt.city, got, tt.want)
		}
	}
}

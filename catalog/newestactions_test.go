package catalog

import (
	"context"
	"maps"
	"testing"
)

// TestNewestActionsSaysTheLastWordOfEachObject: of the objects asked, each
// with an event of the prefix gets the action of its newest such event;
// events of other prefixes, and of objects not asked, are not counted.
func TestNewestActionsSaysTheLastWordOfEachObject(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, ev := range []Event{
			{Action: "document.original.damaged", Object: "A"},
			{Action: "document.original.intact", Object: "A"},
			{Action: "document.original.damaged", Object: "B"},
			{Action: "document.update", Object: "B"},
			{Action: "document.original.intact", Object: "C"},
			{Action: "document.original.damaged", Object: "C"},
			{Action: "document.original.damaged", Object: "E"},
			{Action: "document.update", Object: "D"},
		} {
			ev.User = "admin"
			if err := s.RecordEvent(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.NewestActions(ctx, []string{"A", "B", "C", "D", "F"}, "document.original.")
		want := map[string]string{"A": "document.original.intact", "B": "document.original.damaged", "C": "document.original.damaged"}
		if err != nil || !maps.Equal(got, want) {
			t.Errorf("newest actions: %v %v, want %v", got, err, want)
		}
	})
}

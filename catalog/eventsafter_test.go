package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

func TestEventsPageForward(t *testing.T) { forEachStore(t, testEventsPageForward) }

// testEventsPageForward: After lists the events just newer than a page's
// first one, newest first, so that going back to newer pages gives the
// pages read going back, on both catalogs.
func testEventsPageForward(t *testing.T, s *Store) {
	ctx := context.Background()
	for i := range 7 {
		if err := s.RecordEvent(ctx, Event{User: "zhang", Action: "document.edit", Object: fmt.Sprintf("文档%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	objects := func(es []Event) []string {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.Object
		}
		return out
	}
	f := EventFilter{User: "zhang", Limit: 3}
	var back [][]Event
	for page := []Event(nil); len(back) == 0 || len(page) == f.Limit; {
		var err error
		if page, err = s.FindEvents(ctx, f); err != nil {
			t.Fatal(err)
		}
		back = append(back, page)
		f.Before = page[len(page)-1].ID
	}
	// From the oldest page, newer by After: the pages read, in reverse.
	f.Before = 0
	for i := len(back) - 1; i > 0; i-- {
		f.After = back[i][0].ID
		newer, err := s.FindEvents(ctx, f)
		if err != nil || !slices.Equal(objects(newer), objects(back[i-1])) {
			t.Errorf("events after %s: %v, %v; want the page before it %v", back[i][0].Object, objects(newer), err, objects(back[i-1]))
		}
	}
	f.After = back[0][0].ID
	if newest, err := s.FindEvents(ctx, f); err != nil || len(newest) != 0 {
		t.Errorf("events after the newest: %v, %v; want none", objects(newest), err)
	}
}

package catalog

import (
	"context"
	"testing"
)

// TestCitationsStampFollowsTheOneBefore: a stamp read after an upload and
// after an event follows the one read before, and not the other way round;
// a stamp does not follow itself, and two stamps neither of which is
// higher in both parts are not ordered. Both dialects.
func TestCitationsStampFollowsTheOneBefore(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		stamp := func() CitationsStamp {
			t.Helper()
			st, err := s.CitationsStamp(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		first := stamp()
		if err := s.CreateDocument(ctx, newDoc("甲", "sha-甲"), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		second := stamp()
		if err := s.RecordEvent(ctx, Event{User: "zhang", Action: "login", Object: "user:zhang"}); err != nil {
			t.Fatal(err)
		}
		third := stamp()
		for _, c := range []struct {
			name         string
			later, older CitationsStamp
		}{{"上传之后", second, first}, {"记下事件之后", third, second}, {"两次之后", third, first}} {
			if !c.later.Follows(c.older) {
				t.Errorf("%s: %v does not follow %v", c.name, c.later, c.older)
			}
			if c.older.Follows(c.later) {
				t.Errorf("%s: %v follows the later %v", c.name, c.older, c.later)
			}
		}
		if third.Follows(third) {
			t.Errorf("%v follows itself", third)
		}
		crossed := CitationsStamp{seq: third.seq + 1, event: third.event - 1}
		if crossed.Follows(third) || third.Follows(crossed) {
			t.Errorf("%v and %v are ordered: neither is higher in both", crossed, third)
		}
	})
}

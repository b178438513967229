package catalog

import (
	"context"
	"strings"
	"testing"
)

func TestSetCurrentRound(t *testing.T) { forEachStore(t, testSetCurrentRound) }

// testSetCurrentRound makes a round made without 设为当前轮次 the current
// one afterwards, as the admin page's action does (probe s27 finding 2).
func testSetCurrentRound(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.AddRound(ctx, Round{Year: 2019, Label: "2019年度监测"}, "admin"); err != nil {
		t.Fatal(err)
	}
	err := s.AddRound(ctx, Round{Year: 2019, Current: true}, "admin")
	if ErrorCode(err) != ECONFLICT || !strings.Contains(ErrorMessage(err), "设为当前轮次") {
		t.Errorf("adding round 2019 again: got %v, want a conflict that says to use 设为当前轮次", err)
	}
	if st, err := s.RoundSetup(ctx, 2019); err != nil || st.Carried || st.Tables {
		t.Fatalf("setup of a new round: got %+v, %v, want nothing carried and no table", st, err)
	}
	steps := []struct {
		year        int
		wantChanged bool
		wantCode    string
		wantCurrent int
	}{
		{2019, true, "", 2019},
		{2019, false, "", 2019}, // current already: nothing to do
		{2030, false, ENOTFOUND, 2019},
		{2018, true, "", 2018}, // and back
	}
	for _, st := range steps {
		changed, err := s.SetCurrentRound(ctx, st.year, "admin")
		if ErrorCode(err) != st.wantCode && !(err == nil && st.wantCode == "") {
			t.Fatalf("make %d current: error %v, want code %q", st.year, err, st.wantCode)
		}
		if changed != st.wantChanged {
			t.Errorf("make %d current: changed %v, want %v", st.year, changed, st.wantChanged)
		}
		if got, err := s.CurrentRound(ctx); err != nil || got != st.wantCurrent {
			t.Errorf("after making %d current: current round %d (%v), want %d", st.year, got, err, st.wantCurrent)
		}
		rounds, _ := s.Rounds(ctx)
		n := 0
		for _, r := range rounds {
			if r.Current {
				n++
			}
		}
		if n != 1 {
			t.Errorf("after making %d current: %d rounds marked current, want 1", st.year, n)
		}
	}
	events, err := s.FindEvents(ctx, EventFilter{Object: "round:2019", Action: "round.current", Limit: 10})
	if err != nil || len(events) != 1 || events[0].User != "admin" {
		t.Errorf("audit of making 2019 current: got %v (%v), want one round.current by admin", events, err)
	}
	if _, err := s.CarryOver(ctx, "330100", 2018, 2019, "admin"); err != nil {
		t.Fatal(err)
	}
	if st, err := s.RoundSetup(ctx, 2019); err != nil || !st.Carried {
		t.Errorf("setup after a carry-over into 2019: got %+v, %v, want carried", st, err)
	}
	if st, err := s.RoundSetup(ctx, 2018); err != nil || st.Carried {
		t.Errorf("setup of 2018, nothing carried into it: got %+v, %v", st, err)
	}
}

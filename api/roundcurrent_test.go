package api

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRoundMadeCurrentAfterwards: a round added without "current" is made
// the current one by PATCH /api/v1/rounds/{year} (probe s27 finding 2);
// adding it again says how, instead of only that it exists.
func TestRoundMadeCurrentAfterwards(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/rounds", map[string]any{"year": 2019, "label": "2019年度监测"}), "admin")
	if resp.StatusCode != 201 {
		t.Fatalf("add round 2019: %d %v", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/rounds", map[string]any{"year": 2019, "current": true}), "admin")
	if msg := fmt.Sprint(body["error"]); resp.StatusCode != 409 || !strings.Contains(msg, "设为当前轮次") {
		t.Errorf("add round 2019 again: %d %v, want 409 saying to use 设为当前轮次", resp.StatusCode, body)
	}
	steps := []struct {
		name        string
		path        string
		body        any
		want        int
		wantChanged any
	}{
		{"not current", "/api/v1/rounds/2019", map[string]any{"current": false}, 400, nil},
		{"no such round", "/api/v1/rounds/2031", map[string]any{"current": true}, 404, nil},
		{"make current", "/api/v1/rounds/2019", map[string]any{"current": true}, 200, true},
		{"again", "/api/v1/rounds/2019", map[string]any{"current": true}, 200, false},
	}
	for _, st := range steps {
		resp, body := e.do(e.request("PATCH", st.path, st.body), "admin")
		if resp.StatusCode != st.want || (st.wantChanged != nil && body["changed"] != st.wantChanged) {
			t.Errorf("%s: PATCH %s: %d %v, want %d changed %v", st.name, st.path, resp.StatusCode, body, st.want, st.wantChanged)
		}
	}
	if got, err := e.cat.CurrentRound(context.Background()); err != nil || got != 2019 {
		t.Errorf("current round after PATCH: %d %v, want 2019", got, err)
	}
	ev, err := e.cat.FindEvents(context.Background(), catalog.EventFilter{Object: "round:2019", Action: "round.current", Limit: 5})
	if err != nil || len(ev) != 1 || ev[0].User != "admin" {
		t.Errorf("audit of making 2019 current: %v %v, want one round.current by admin", ev, err)
	}
}

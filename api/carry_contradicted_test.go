package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestConfirmingAContradictedClaimAsksForChecked: 杭州's 2017 claim
// 学分银行开户学习者达到2万人, found 与证据矛盾 by a reviewer, is carried
// into 2018. POST /api/v1/carryovers/{id} {"action":"confirm"} is refused
// (400) naming the verdict and the round, as the web page refuses it
// without the box 已核对，仍沿用, and the item stays 待确认; with
// "checked": true it is confirmed. A claim verified last round needs no
// box. GET /api/v1/claims/{id} of the 2018 copy names the 2017 claim,
// its verdict and reviews (carried_from).
func TestConfirmingAContradictedClaimAsksForChecked(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	doc := e.upload(cityA, "学分银行.txt", "杭州市学分银行累计开户学习者12000人。")
	coord := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA}
	reviewer := &catalog.User{Username: "reviewer", Role: catalog.RoleReviewer}
	contradicted, verified := testenv.CarryContradicted(t, e.deps.Claims, e.deps.Values, coord, reviewer, cityA, doc)
	list, err := e.deps.Values.Carryovers(ctx, coord, cityA, 2018, catalog.CarryToConfirm)
	if err != nil {
		t.Fatal(err)
	}
	ids, copies := map[string]string{}, map[string]string{}
	for _, c := range list {
		ids[c.SourceID], copies[c.SourceID] = c.ID, c.ObjectID
	}
	if ids[contradicted] == "" || ids[verified] == "" {
		t.Fatalf("claims not carried into 2018: %+v", list)
	}
	resp, body := e.do(e.request("GET", "/api/v1/claims/"+copies[contradicted], nil), "reviewer")
	from, _ := body["carried_from"].(map[string]any)
	if resp.StatusCode != http.StatusOK || from["status"] != "contradicted" || from["round"] != float64(2017) || from["id"] != contradicted {
		t.Errorf("GET the 2018 copy: %d carried_from %v, want the 2017 claim, contradicted", resp.StatusCode, from)
	}
	if rv, _ := from["reviews"].([]any); len(rv) != 1 {
		t.Errorf("carried_from reviews: %v, want the 2017 review", from["reviews"])
	}
	state := func(id string) catalog.CarryState {
		c, err := e.cat.CarryoverByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c.State
	}

	resp, body = e.do(e.request("POST", "/api/v1/carryovers/"+ids[contradicted], map[string]any{"action": "confirm"}), "coordA")
	msg, _ := body["error"].(map[string]any)["message"].(string)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "2017年度经审核与证据矛盾") || !strings.Contains(msg, `"checked": true`) {
		t.Errorf("confirming a contradicted claim without checked: %d %v, want 400 naming 2017 and 与证据矛盾 and \"checked\": true", resp.StatusCode, body)
	}
	if st := state(ids[contradicted]); st != catalog.CarryToConfirm {
		t.Errorf("after the refused confirm: %s, want to_confirm", st)
	}
	resp, body = e.do(e.request("POST", "/api/v1/carryovers/"+ids[contradicted], map[string]any{"action": "confirm", "checked": true}), "coordA")
	if resp.StatusCode != http.StatusOK || state(ids[contradicted]) != catalog.CarryConfirmed {
		t.Errorf("confirming with checked: %d %v, want 200 confirmed", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/carryovers/"+ids[verified], map[string]any{"action": "confirm"}), "coordA")
	if resp.StatusCode != http.StatusOK || state(ids[verified]) != catalog.CarryConfirmed {
		t.Errorf("confirming a claim verified last round: %d %v, want 200 confirmed", resp.StatusCode, body)
	}
}

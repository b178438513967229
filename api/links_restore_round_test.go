package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestPutALinkBackIntoItsOwnRound: a 2017 policy of 杭州 (upload's round
// inferred from its text: 2017) linked to 2.3.2 is used in 2018 too; the
// coordinator takes it out of 2017 by mistake (DELETE ?round=2017) and
// puts it back (POST /links/{id}/restore?round=2017): it counts in 2017
// again, and in 2018 still, with an audit entry. Putting back a link that
// counts there is refused with what is the case.
func TestPutALinkBackIntoItsOwnRound(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。")
	resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+doc, map[string]any{"round": "2017"}), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("setting the round to 2017: %d %v", resp.StatusCode, body)
	}
	link := e.linkFor(doc, 0)
	e.linkFor(doc, 2018)
	resp, body = e.do(e.request("DELETE", "/api/v1/links/"+link+"?round=2017", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dropping from 2017: %d %v", resp.StatusCode, body)
	}
	if n2017, n2018 := e.roundCount("2017"), e.roundCount("2018"); n2017 != 0 || n2018 != 1 {
		t.Fatalf("dropped from 2017: %v documents in 2017, %v in 2018; want 0 and 1", n2017, n2018)
	}
	resp, body = e.do(e.request("POST", "/api/v1/links/"+link+"/restore?round=2017", nil), "coordB")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("another city's coordinator restoring: %d %v, want 404", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/links/"+link+"/restore?round=2017", nil), "coordA")
	if resp.StatusCode != http.StatusOK || body["restored"] != link || body["round"] != float64(2017) {
		t.Fatalf("restoring into 2017: %d %v, want 200 restored", resp.StatusCode, body)
	}
	if n2017, n2018 := e.roundCount("2017"), e.roundCount("2018"); n2017 != 1 || n2018 != 1 {
		t.Errorf("restored: %v documents in 2017, %v in 2018; want 1 and 1", n2017, n2018)
	}
	events, err := e.cat.Events(context.Background(), doc, 20)
	if err != nil {
		t.Fatal(err)
	}
	audited := false
	for _, ev := range events {
		audited = audited || (ev.Action == "link.restore_round" && ev.User == "coordA")
	}
	if !audited {
		t.Errorf("no link.restore_round audit entry by coordA among %v", events)
	}

	resp, body = e.do(e.request("POST", "/api/v1/links/"+link+"/restore?round=2017", nil), "coordA")
	msg, _ := body["error"].(map[string]any)["message"].(string)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "仍计入 2017年度") {
		t.Errorf("restoring a link that counts in 2017: %d %v, want 409 仍计入 2017年度", resp.StatusCode, body)
	}
	// round= empty is the current round, 2018, as everywhere.
	resp, body = e.do(e.request("POST", "/api/v1/links/"+link+"/restore?round=", nil), "coordA")
	if msg, _ := body["error"].(map[string]any)["message"].(string); resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "仍计入 2018年度") {
		t.Errorf("restoring with round= empty: %d %v, want 409 仍计入 2018年度 (the current round)", resp.StatusCode, body)
	}
}

// TestPutBackALinkDroppedOnTheCarryOverList: a link carried from 2017
// into 2018 and dropped there (本轮不用) is confirmed again on the same
// list: it counts in 2018 again.
func TestPutBackALinkDroppedOnTheCarryOverList(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。")
	if resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+doc, map[string]any{"round": "2017"}), "coordA"); resp.StatusCode != http.StatusOK {
		t.Fatalf("setting the round to 2017: %d %v", resp.StatusCode, body)
	}
	link := e.linkFor(doc, 0)
	if _, err := e.cat.CarryOver(context.Background(), cityA, 2017, 2018, "test"); err != nil {
		t.Fatal(err)
	}
	rows := e.carryRows(link, "2018")
	if len(rows) != 1 {
		t.Fatalf("carried rows of the link in 2018: %v", rows)
	}
	id := rows[0]["id"].(string)
	for _, step := range []struct{ action, state string }{{"drop", "dropped"}, {"confirm", "confirmed"}} {
		resp, body := e.do(e.request("POST", "/api/v1/carryovers/"+id, map[string]any{"action": step.action}), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s on the carry-over list: %d %v", step.action, resp.StatusCode, body)
		}
	}
	if n := e.roundCount("2018"); n != 1 {
		t.Errorf("confirmed again after 本轮不用: %v documents in 2018, want 1", n)
	}
}

// droppedLink is a link of a new 2018 document of city, used in 2017 too
// and taken out of 2017 again, for the authorization matrix.
func (e *env) droppedLink(city string) string {
	e.t.Helper()
	ctx := context.Background()
	doc := e.bareDocument(city)
	round := "2018"
	if _, err := e.cat.UpdateDocument(ctx, doc, catalog.DocumentPatch{Round: &round}, "test"); err != nil {
		e.t.Fatal(err)
	}
	l := &catalog.Link{DocumentID: doc, IndicatorCode: "2.3.1", CreatedBy: "test"}
	if err := e.cat.CreateLinks(ctx, []*catalog.Link{l}, false); err != nil {
		e.t.Fatal(err)
	}
	if err := e.cat.LinkInRound(ctx, []*catalog.Link{l}, 2017, "test"); err != nil {
		e.t.Fatal(err)
	}
	if err := e.cat.DropLinkFromRound(ctx, l.ID, 2017, "test"); err != nil {
		e.t.Fatal(err)
	}
	return l.ID
}

package api

import (
	"context"
	"net/http"
	"testing"
)

// roundCount is the number of city A's documents that count for 2.3.2 in
// a round, as the coverage matrix says.
func (e *env) roundCount(round string) float64 {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/coverage?city="+cityA+"&round="+round, nil), "expert")
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("coverage %s: %d %v", round, resp.StatusCode, body)
	}
	for _, c := range body["cities"].([]any)[0].(map[string]any)["cells"].([]any) {
		if cell := c.(map[string]any); cell["code"] == "2.3.2" {
			return cell["documents"].(float64)
		}
	}
	return -1
}

// linkFor links doc to 2.3.2 (for round, when not 0) as coordA.
func (e *env) linkFor(doc string, round int) string {
	e.t.Helper()
	in := map[string]any{"document_id": doc, "indicator": "2.3.2"}
	if round != 0 {
		in["round"] = round
	}
	resp, body := e.do(e.request("POST", "/api/v1/links", in), "coordA")
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("linking %v: %d %v", in, resp.StatusCode, body)
	}
	return body["link"].(map[string]any)["id"].(string)
}

// carryRows returns the link's carry-over rows of city A's round.
func (e *env) carryRows(link string, round string) []map[string]any {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/carryovers?city="+cityA+"&round="+round, nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("carryovers of %s: %d %v", round, resp.StatusCode, body)
	}
	var out []map[string]any
	for _, c := range body["carryovers"].([]any) {
		if c := c.(map[string]any); c["source_id"] == link {
			out = append(out, c)
		}
	}
	return out
}

// TestDropALinkCarriedIntoItsOwnRound: a 2017 policy linked to 2.3.2 is
// carried into 2018, then its round is corrected to 2018 and it is linked
// for 2017 too; dropping it from 2018 takes it out of 2018 altogether (the
// carried row and its document's round), keeping 2017. A carry-over from
// 2017 into 2018 does not carry a link of a 2018 document there.
func TestDropALinkCarriedIntoItsOwnRound(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。")
	link := e.linkFor(doc, 0)
	if _, err := e.cat.CarryOver(ctx, cityA, 2017, 2018, "test"); err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+doc, map[string]any{"round": "2018"}), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("setting the round to 2018: %d %v", resp.StatusCode, body)
	}
	e.linkFor(doc, 2017)
	if n2018, n2017 := e.roundCount("2018"), e.roundCount("2017"); n2018 != 1 || n2017 != 1 {
		t.Fatalf("before dropping: %v documents in 2018, %v in 2017; want 1 and 1", n2018, n2017)
	}
	resp, body = e.do(e.request("DELETE", "/api/v1/links/"+link+"?round=2018", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dropping from 2018: %d %v", resp.StatusCode, body)
	}
	if n2018, n2017 := e.roundCount("2018"), e.roundCount("2017"); n2018 != 0 || n2017 != 1 {
		t.Errorf("dropped from 2018, its own round and carried there: %v documents in 2018, %v in 2017; want 0 and 1", n2018, n2017)
	}
	got, err := e.cat.RoundLinkedDocuments(ctx, cityA, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if len(got["2.3.2"]) != 0 {
		t.Errorf("2.3.2 in 2018 after the drop: %v, want none", got["2.3.2"])
	}
	for _, c := range e.carryRows(link, "2018") {
		if c["from_round"] != float64(2017) {
			t.Errorf("the row carried from 2017 now says from_round %v", c["from_round"])
		}
	}

	// A 2018 document linked for 2017: carrying 2017 into 2018 leaves it
	// alone, it counts there already.
	other := e.upload(cityA, "社区教育.txt", "杭州市社区教育工作总结。")
	resp, body = e.do(e.request("PATCH", "/api/v1/documents/"+other, map[string]any{"round": "2018"}), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("setting the round to 2018: %d %v", resp.StatusCode, body)
	}
	l2 := e.linkFor(other, 0)
	e.linkFor(other, 2017)
	if _, err := e.cat.CarryOver(ctx, cityA, 2017, 2018, "test"); err != nil {
		t.Fatal(err)
	}
	if rows := e.carryRows(l2, "2018"); len(rows) != 0 {
		t.Errorf("a 2018 document's link carried from 2017 into 2018: %v", rows)
	}
}

// TestCarryOverListRefusesToDropALinksOnlyRound: a 2017 document linked
// for 2018 only counts in 2018; dropping it there on the carry-over list
// is refused as DELETE ?round=2018 refuses it, and it keeps counting.
func TestCarryOverListRefusesToDropALinksOnlyRound(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。")
	link := e.linkFor(doc, 2018)
	resp, body := e.do(e.request("DELETE", "/api/v1/links/"+link+"?round=2018", nil), "coordA")
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("dropping from its only round: %d %v, want 409", resp.StatusCode, body)
	}
	rows := e.carryRows(link, "2018")
	if len(rows) != 1 {
		t.Fatalf("rows of the link in 2018: %v", rows)
	}
	resp, body = e.do(e.request("POST", "/api/v1/carryovers/"+rows[0]["id"].(string), map[string]any{"action": "drop"}), "coordA")
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("dropping its only round on the carry-over list: %d %v, want 409", resp.StatusCode, body)
	}
	if n2018, n2017 := e.roundCount("2018"), e.roundCount("2017"); n2018 != 1 || n2017 != 0 {
		t.Errorf("after the refused drop: %v documents in 2018, %v in 2017; want 1 and 0", n2018, n2017)
	}
}

package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestDropALinkFromOneRound: a 2017 policy linked to 2.3.2 and used in
// 2018 too can be taken out of 2018 alone (DELETE /api/v1/links/{id}
// ?round=2018, or dropping its carried item), keeping 2017, and out of
// 2017 alone, keeping 2018; once it counts in one round only, dropping it
// there says to delete the link instead; the rows it has keep the round
// they came from.
func TestDropALinkFromOneRound(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。")
	resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2"}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("linking: %d %v", resp.StatusCode, body)
	}
	link := body["link"].(map[string]any)["id"].(string)
	useIn2018 := func() {
		t.Helper()
		resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "round": 2018}), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("linking for 2018: %d %v", resp.StatusCode, body)
		}
	}
	counts := func(round string) float64 {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/coverage?city="+cityA+"&round="+round, nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("coverage %s: %d %v", round, resp.StatusCode, body)
		}
		for _, c := range body["cities"].([]any)[0].(map[string]any)["cells"].([]any) {
			if cell := c.(map[string]any); cell["code"] == "2.3.2" {
				return cell["documents"].(float64)
			}
		}
		return -1
	}
	drop := func(round string) (int, map[string]any) {
		t.Helper()
		resp, body := e.do(e.request("DELETE", "/api/v1/links/"+link+"?round="+round, nil), "coordA")
		return resp.StatusCode, body
	}

	useIn2018()
	if code, body := drop("2018"); code != http.StatusOK {
		t.Fatalf("dropping from 2018: %d %v", code, body)
	}
	if n2018, n2017 := counts("2018"), counts("2017"); n2018 != 0 || n2017 != 1 {
		t.Errorf("dropped from 2018: %v documents in 2018, %v in 2017; want 0 and 1", n2018, n2017)
	}

	useIn2018()
	resp, body = e.do(e.request("GET", "/api/v1/carryovers?city="+cityA+"&round=2018", nil), "coordA")
	carried := body["carryovers"].([]any)
	if resp.StatusCode != http.StatusOK || len(carried) != 1 {
		t.Fatalf("carried into 2018: %d %v", resp.StatusCode, body)
	}
	id := carried[0].(map[string]any)["id"].(string)
	if resp, body := e.do(e.request("POST", "/api/v1/carryovers/"+id, map[string]any{"action": "drop"}), "coordA"); resp.StatusCode != http.StatusOK {
		t.Errorf("dropping the confirmed link from 2018 on the carry-over list: %d %v", resp.StatusCode, body)
	}
	if n2018, n2017 := counts("2018"), counts("2017"); n2018 != 0 || n2017 != 1 {
		t.Errorf("dropped on the carry-over list: %v documents in 2018, %v in 2017; want 0 and 1", n2018, n2017)
	}

	useIn2018()
	if code, body := drop("2017"); code != http.StatusOK {
		t.Fatalf("dropping from 2017: %d %v", code, body)
	}
	if n2018, n2017 := counts("2018"), counts("2017"); n2018 != 1 || n2017 != 0 {
		t.Errorf("dropped from 2017: %v documents in 2018, %v in 2017; want 1 and 0", n2018, n2017)
	}
	// Taken out of its own round, the link's row of 2018 still says it
	// came from 2017.
	if rows := e.carryRows(link, "2018"); len(rows) != 1 || rows[0]["from_round"] != float64(2017) {
		t.Errorf("the link's rows of 2018 after dropping it from 2017: %v, want one from_round 2017", rows)
	}
	code, body := drop("2018")
	msg, _ := body["error"].(map[string]any)["message"].(string)
	if code != http.StatusConflict || !strings.Contains(msg, "只计入 2018年度") || !strings.Contains(msg, "请直接删除这条关联") {
		t.Errorf("dropping from 2018, its only round: %d %v, want 409 saying to delete the link", code, body)
	}
}

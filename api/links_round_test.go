package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestLinkForAnotherRound: POST /api/v1/links with a round other than
// the document's makes the link count in that round's coverage and not in
// the document's; a round that does not exist is refused by name.
func TestLinkForAnotherRound(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。")
	resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "round": 1999}), "coordA")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body["error"].(map[string]any)["message"].(string), "监测轮次 1999 不存在") {
		t.Errorf("linking for round 1999: %d %v, want 400 naming the round", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "round": 2018}), "coordA")
	if resp.StatusCode != http.StatusCreated || body["round"] != float64(2018) {
		t.Fatalf("linking for 2018: %d %v", resp.StatusCode, body)
	}
	documents := func(round string) float64 {
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
	if n2018, n2017 := documents("2018"), documents("2017"); n2018 != 1 || n2017 != 0 {
		t.Errorf("2.3.2 linked for 2018: %v documents in 2018, %v in 2017; want 1 and 0", n2018, n2017)
	}
}

package api

import "testing"

// TestIndicatorAnswersCarryInfoEN: the indicator tree and an indicator's
// evidence answer give the demo framework's English 信息性质说明 as
// info_en beside info; a node the framework gives none (an area) has none.
func TestIndicatorAnswersCarryInfoEN(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.1/evidence", nil), "expert")
	ind, _ := body["indicator"].(map[string]any)
	if resp.StatusCode != 200 || ind["info"] != "制度文件、试点方案、典型案例" || ind["info_en"] != "Policy documents, pilot plans and case examples" {
		t.Errorf("evidence of 2.3.1: %d, indicator %v", resp.StatusCode, ind)
	}
	if ind["name_en"] != "Credit bank / credit accumulation and transfer" {
		t.Errorf("evidence of 2.3.1: name_en %v", ind["name_en"])
	}
	// Like the tree, the evidence answer leaves out the info_en a node
	// has none of.
	resp, body = e.do(e.request("GET", "/api/v1/indicators/2.3/evidence", nil), "expert")
	ind, _ = body["indicator"].(map[string]any)
	if _, ok := ind["info_en"]; resp.StatusCode != 200 || ind["name"] != "学习成果认证与学分积累" || ok {
		t.Errorf("evidence of 2.3: %d, indicator %v", resp.StatusCode, ind)
	}
	resp, body = e.do(e.request("GET", "/api/v1/indicators", nil), "expert")
	if resp.StatusCode != 200 {
		t.Fatalf("indicator tree: %d %v", resp.StatusCode, body)
	}
	area := entryOf(t, body["indicators"], "2")
	if _, ok := area["info_en"]; ok {
		t.Errorf("area 2 has an info_en: %v", area)
	}
	group := entryOf(t, area["children"], "2.3")
	if key := entryOf(t, group["children"], "2.3.3"); key["info"] != "学分银行系统统计" || key["info_en"] != "Statistics from the credit-bank system" {
		t.Errorf("2.3.3 in the tree: %v", key)
	}
}

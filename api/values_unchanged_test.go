package api

import (
	"testing"
)

// TestValueSavedAgainKeepsItsVerdict: a coordinator sending the value as
// stored again, by POST /api/v1/values or in a ledger imported again, set
// the reviewer's 与证据矛盾 back to pending (probe s41 finding 1). The same
// value is no change, said as unchanged, and keeps its verdict; a real
// change clears it and names the verdict it cleared.
func TestValueSavedAgainKeepsItsVerdict(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "统计公报.txt", "2017年成人年参与学习率达到85.3%，社区教育覆盖全市。")
	body := map[string]any{"round": 2017, "indicator": "5.1.1", "value": "85.3%",
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "成人年参与学习率达到85.3%"}}
	resp, answer := e.do(e.request("POST", "/api/v1/values", body), "coordA")
	v, _ := answer["value"].(map[string]any)
	if resp.StatusCode != 201 || v == nil {
		t.Fatalf("POST the value: %d %v", resp.StatusCode, answer)
	}
	id := v["id"].(string)
	resp, answer = e.do(e.request("POST", "/api/v1/values/"+id+"/reviews", map[string]any{"verdict": "contradicted", "comment": "应为83.5%，见统计公报"}), "reviewer")
	if resp.StatusCode != 201 {
		t.Fatalf("review: %d %v", resp.StatusCode, answer)
	}
	status := func() any {
		t.Helper()
		_, got := e.do(e.request("GET", "/api/v1/values/"+id, nil), "expert")
		v, _ := got["value"].(map[string]any)
		return v["status"]
	}

	resp, answer = e.do(e.request("POST", "/api/v1/values", body), "coordA")
	if resp.StatusCode != 201 || answer["unchanged"] != true || answer["verdict_cleared"] != nil {
		t.Errorf("POST the same value again: %d %v; want unchanged, no verdict cleared", resp.StatusCode, answer)
	}
	if got := status(); got != "contradicted" {
		t.Errorf("after the same value again: status %v, want contradicted", got)
	}

	resp, answer = e.do(e.request("POST", "/api/v1/values/import", uploadBody(map[string]string{"city": cityA, "round": "2017"},
		map[string][]byte{"台账.xlsx": ledgerXLSX(t, doc)})), "coordA")
	if resp.StatusCode != 201 || answer["unchanged"] != float64(1) || answer["updated"] != float64(0) || answer["verdicts_cleared"] != float64(0) {
		t.Errorf("import the same row: %d %v; want 1 unchanged, none updated, no verdict cleared", resp.StatusCode, answer)
	}
	if got := status(); got != "contradicted" {
		t.Errorf("after the same ledger row: status %v, want contradicted", got)
	}

	body["citation"].(map[string]any)["quote"] = "2017年成人年参与学习率达到85.3%"
	resp, answer = e.do(e.request("POST", "/api/v1/values", body), "coordA")
	if resp.StatusCode != 201 || answer["unchanged"] != nil || answer["verdict_cleared"] != "contradicted" {
		t.Errorf("POST another quote: %d %v; want a change that cleared contradicted", resp.StatusCode, answer)
	}
	if got := status(); got != "pending" {
		t.Errorf("after another quote: status %v, want pending", got)
	}
}

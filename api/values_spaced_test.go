package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestAValuesReadSaysItsNumberWasFoundOnlySpaced: 1200人 recorded from
// “累计开户 1 200 人” (1200, or a table's 1 and 200) reads back, as a
// reviewer gets it, with value_spaced “1 200” and the warning recording
// gave; the value whose quote writes 1200 has neither, where both
// answered value_found true and nothing more (probe s30 §3).
func TestAValuesReadSaysItsNumberWasFoundOnlySpaced(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct {
		round         int
		text, quote   string
		spaced        string
		warningsCount int
	}{
		{2017, "学分银行累计开户 1 200 人。", "累计开户 1 200 人", "1 200", 1},
		{2018, "学分银行累计开户1200人。", "累计开户1200人", "", 0},
	} {
		doc := e.upload(cityA, "学分银行统计.txt", tt.text)
		resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": tt.round, "indicator": "2.3.3", "value": "1200",
			"unit": "人", "citation": map[string]any{"document_id": doc, "page": 1, "quote": tt.quote}}), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST 1200人 from %q: %d %v", tt.quote, resp.StatusCode, body)
		}
		id := body["value"].(map[string]any)["id"].(string)
		resp, body = e.do(e.request("GET", "/api/v1/values/"+id, nil), "reviewer")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET the value: %d %v", resp.StatusCode, body)
		}
		v := body["value"].(map[string]any)
		got, _ := v["value_spaced"].(string)
		ws, _ := v["warnings"].([]any)
		if v["value_found"] != true || got != tt.spaced || len(ws) != tt.warningsCount {
			t.Errorf("GET 1200人 from %q: value_found %v, value_spaced %q, warnings %v; want true, %q, %d warning(s)",
				tt.quote, v["value_found"], got, v["warnings"], tt.spaced, tt.warningsCount)
			continue
		}
		if len(ws) == 1 && !strings.Contains(ws[0].(map[string]any)["message"].(string), "也可能是表格中相邻的1和200") {
			t.Errorf("GET 1200人 from %q: warning %v, want the spaced digits' note", tt.quote, ws[0])
		}
	}
}

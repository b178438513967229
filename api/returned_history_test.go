package api

import (
	"net/http"
	"testing"
)

// TestSearchListsEveryReturn: 台账, handed in by 市教育局 for its tasks of
// 2.3.1 and 1.3.2 and returned on both (缺少各区县分项数据, then
// 数据与统计年鉴不一致), has two returns, oldest first, in its hit's returns,
// and the second as its returned, which kept only the last one and so
// lost the first. The city's coordinator reads who returned it and why in
// each; an expert only when and on which task.
func TestSearchListsEveryReturn(t *testing.T) {
	e, first := taskEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/assignments", map[string]any{"city": cityA, "round": 2018, "indicator": "1.3.2",
		"department": "市教育局", "due": "2018-04-15"}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("adding 市教育局's task of 1.3.2: %d %v", resp.StatusCode, body)
	}
	second := body["assignment"].(map[string]any)["id"].(string)
	const ledger = "2018年职业技能培训台账：全年培训45000人次，其中社区学校12000人次。"
	var old string
	for _, task := range []string{first, second} {
		resp, body := e.handIn(task, "contribA", "statistics", "台账.txt", ledger)
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
			t.Fatalf("handing 台账 in for %s: %d %v", task, resp.StatusCode, body)
		}
		old = e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	}
	reasons := []string{"缺少各区县分项数据，请补充后重新提交", "数据与统计年鉴不一致，请核对"}
	for i, task := range []string{first, second} {
		resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task+"/return", map[string]any{"reason": reasons[i]}), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("returning %s: %d %v", task, resp.StatusCode, body)
		}
	}
	for _, who := range []string{"coordA", "expert"} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q=45000&include_returned=true", nil), who)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: search 45000: %d %v", who, resp.StatusCode, body)
		}
		var hit map[string]any
		for _, h := range body["hits"].([]any) {
			if h := h.(map[string]any); h["id"] == old {
				hit = h
			}
		}
		if hit == nil {
			t.Fatalf("%s: 45000 with include_returned did not find 台账: %v", who, body["hits"])
		}
		returns, _ := hit["returns"].([]any)
		if len(returns) != 2 {
			t.Fatalf("%s: 台账's returns %v, want two", who, hit["returns"])
		}
		for i, r := range returns {
			r := r.(map[string]any)
			by, reason := "coordA", reasons[i]
			if who == "expert" {
				by, reason = "", ""
			}
			if r["assignment"] != []string{first, second}[i] || r["at"] == nil || r["by"] != nilIfEmpty(by) || r["reason"] != nilIfEmpty(reason) {
				t.Errorf("%s: 台账's return %d: %v, want task %s, by %q, reason %q", who, i+1, r, []string{first, second}[i], by, reason)
			}
		}
		first, second := returns[0].(map[string]any), returns[1].(map[string]any)
		if first["at"].(string) >= second["at"].(string) {
			t.Errorf("%s: 台账's returns at %v then %v, want oldest first", who, first["at"], second["at"])
		}
		if last, _ := hit["returned"].(map[string]any); last == nil || last["at"] != second["at"] || last["reason"] != second["reason"] {
			t.Errorf("%s: 台账's returned %v, want the last return %v", who, hit["returned"], second)
		}
	}
}

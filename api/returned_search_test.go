package api

import (
	"net/http"
	"net/url"
	"testing"
)

// ledgerReplaced hands in 台账 for the first task of contribA, returns it
// with a reason, and hands in 台账修订 instead, both holding 45000; it
// returns the two documents' ids.
func ledgerReplaced(t *testing.T) (e *env, task, old, corrected string) {
	t.Helper()
	e, task = taskEnv(t)
	handIn := func(name, text string) string {
		t.Helper()
		resp, body := e.handIn(task, "contribA", "statistics", name, text)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("handing in %s: %d %v", name, resp.StatusCode, body)
		}
		return e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	}
	old = handIn("台账.txt", "2018年职业技能培训台账：全年培训45000人次，其中社区学校12000人次。")
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task+"/return", map[string]any{"reason": "缺少各区县分项数据，请补充后重新提交"}), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("returning 台账: %d %v", resp.StatusCode, body)
	}
	corrected = handIn("台账修订.txt", "2018年职业技能培训台账（修订）：全年培训45000人次，上城区8000人次，西湖区9000人次。")
	return e, task, old, corrected
}

// TestSearchLeavesReturnedFilesOutUnlessAsked: after 台账 is returned and
// 台账修订 handed in instead, searching 45000 lists 台账修订 alone and says
// one returned file was left out (returned_hidden); include_returned=true
// lists both, the returned one marked with its return — who and why to
// the city's coordinator, only when and on which task to an expert, who
// never saw the return — and naming the file that replaced it.
func TestSearchLeavesReturnedFilesOutUnlessAsked(t *testing.T) {
	e, task, old, corrected := ledgerReplaced(t)
	search := func(who, extra string) map[string]any {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/search?q=45000"+extra, nil), who)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: search 45000%s: %d %v", who, extra, resp.StatusCode, body)
		}
		return body
	}
	hitsOf := func(body map[string]any) map[string]map[string]any {
		out := map[string]map[string]any{}
		for _, h := range body["hits"].([]any) {
			h := h.(map[string]any)
			out[h["id"].(string)] = h
		}
		return out
	}
	for _, who := range []string{"expert", "coordA"} {
		body := search(who, "")
		if hits := hitsOf(body); len(hits) != 1 || hits[corrected] == nil || body["total"] != 1.0 || body["returned_hidden"] != 1.0 {
			t.Errorf("%s: 45000 found %v (total %v, returned_hidden %v), want 台账修订 alone and returned_hidden 1",
				who, body["hits"], body["total"], body["returned_hidden"])
		}
	}
	for _, tt := range []struct{ who, by, reason string }{
		{"coordA", "coordA", "缺少各区县分项数据，请补充后重新提交"},
		{"expert", "", ""},
	} {
		body := search(tt.who, "&include_returned=true")
		hits := hitsOf(body)
		if len(hits) != 2 || hits[old] == nil || hits[corrected] == nil || body["returned_hidden"] != nil {
			t.Fatalf("%s: include_returned=true found %v, want both files and no returned_hidden", tt.who, body)
		}
		if hits[corrected]["returned"] != nil {
			t.Errorf("%s: 台账修订 is marked returned: %v", tt.who, hits[corrected]["returned"])
		}
		r, _ := hits[old]["returned"].(map[string]any)
		if r == nil || r["at"] == nil || r["assignment"] != task || r["by"] != nilIfEmpty(tt.by) || r["reason"] != nilIfEmpty(tt.reason) {
			t.Errorf("%s: 台账's returned %v, want at, assignment %s, by %q, reason %q", tt.who, r, task, tt.by, tt.reason)
		}
		if replaced, _ := r["replaced_by"].([]any); len(replaced) != 1 || replaced[0] != corrected {
			t.Errorf("%s: 台账 replaced_by %v, want [%s]", tt.who, r["replaced_by"], corrected)
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/search?q=45000&include_returned="+url.QueryEscape("是"), nil), "expert")
	if detail, _ := body["error"].(map[string]any); resp.StatusCode != http.StatusBadRequest || detail["field"] != "include_returned" {
		t.Errorf("include_returned=是: %d %v, want 400 on include_returned", resp.StatusCode, body)
	}
}

// nilIfEmpty is s as a JSON field omitted when empty decodes: nil for "".
func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

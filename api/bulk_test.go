package api

import (
	"net/http"
	"testing"
)

func TestBulkChangeReportsEachDocumentAndMovesAreForAdmins(t *testing.T) {
	e := newEnv(t)
	docA := e.upload(cityA, "a.txt", "杭州市建立学分银行,推进学习成果认证。")
	docB := e.upload(cityA, "b.txt", "宁波市举办全民终身学习活动周。")
	// City B's coordinator is told, per document, that it is not found.
	resp, body := e.do(e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{docA}, "round": "2018"}), "coordB")
	results, _ := body["results"].([]any)
	if resp.StatusCode != 200 || body["changed"] != float64(0) || len(results) != 1 || results[0].(map[string]any)["ok"] != false {
		t.Errorf("bulk edit of another city's document: %d %v, want nothing changed", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{docA, docB},
		"issued_on": "2018年3月20日", "indicator": "2.3.1"}), "coordA")
	if resp.StatusCode != 200 || body["changed"] != float64(2) {
		t.Errorf("bulk edit by the city's coordinator: %d %v", resp.StatusCode, body)
	}
	if d := e.mustDoc(docB); d.IssuedOn != "2018-03-20" {
		t.Errorf("bulk date: %q, want 2018-03-20", d.IssuedOn)
	}
	resp, body = e.do(e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{docA}, "issued_on": "三月"}), "coordA")
	if errObj, _ := body["error"].(map[string]any); resp.StatusCode != 400 || errObj["field"] != "issued_on" {
		t.Errorf("bulk edit with a bad date: %d %v, want 400 naming issued_on", resp.StatusCode, body)
	}
	for _, tt := range []struct {
		role   string
		status int
	}{{"coordA", http.StatusForbidden}, {"expert", http.StatusForbidden}, {"admin", http.StatusOK}} {
		resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+docB, map[string]any{"city": "330200"}), tt.role)
		if resp.StatusCode != tt.status {
			t.Errorf("move by %s: %d %v, want %d", tt.role, resp.StatusCode, body, tt.status)
		}
	}
	if d := e.mustDoc(docB); d.City != "330200" {
		t.Errorf("after the admin's move the document is in %s, want 330200", d.City)
	}
}

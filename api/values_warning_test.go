package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestReviewerReadsAValuesWarning: the warning recording gave about an
// unlikely number (years of schooling over 30) is in the value as the
// list and the value's own answer give it to a reviewer, in Chinese and
// English; a value with nothing unlikely has none.
func TestReviewerReadsAValuesWarning(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "num.txt", numbersText)
	resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": 2017, "indicator": "5.2.1", "value": "2017",
		"unit": "年", "citation": map[string]any{"document_id": doc, "page": 1, "quote": "杭州市2017年终身学习统计"}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST 2017 years: %d %v", resp.StatusCode, body)
	}
	id := body["value"].(map[string]any)["id"].(string)
	resp, body = e.do(e.request("POST", "/api/v1/values", map[string]any{"round": 2017, "indicator": "2.2.1", "value": 123,
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "认定市民终身学习基地123个"}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST 123 bases: %d %v", resp.StatusCode, body)
	}
	plain := body["value"].(map[string]any)["id"].(string)
	warned := func(where string, v map[string]any) {
		t.Helper()
		ws, _ := v["warnings"].([]any)
		if len(ws) != 1 {
			t.Errorf("%s: warnings %v, want one", where, v["warnings"])
			return
		}
		w := ws[0].(map[string]any)
		if w["field"] != "value" || !strings.Contains(w["message"].(string), "的数值 2017 年超过 30 年\uFF0C很少见") ||
			!strings.Contains(w["message_en"].(string), "over 30 years") {
			t.Errorf("%s: warning %v, want the one recording gave, in Chinese and English", where, w)
		}
	}
	resp, body = e.do(e.request("GET", "/api/v1/values/"+id, nil), "reviewer")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET the value: %d %v", resp.StatusCode, body)
	}
	warned("GET /api/v1/values/{id}", body["value"].(map[string]any))
	resp, body = e.do(e.request("GET", "/api/v1/values?city="+cityA+"&round=2017", nil), "reviewer")
	list, _ := body["values"].([]any)
	if resp.StatusCode != http.StatusOK || len(list) != 2 {
		t.Fatalf("GET the list: %d %v, want 2 values", resp.StatusCode, body)
	}
	for _, item := range list {
		v := item.(map[string]any)
		switch v["id"] {
		case id:
			warned("GET /api/v1/values", v)
		case plain:
			if v["warnings"] != nil {
				t.Errorf("123 bases: warnings %v, want none", v["warnings"])
			}
		}
	}
}

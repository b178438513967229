package api

import (
	"net/http"
	"testing"
)

// TestClaimWarnsOfAQuoteOnAnotherPage: a claim whose quote is on page 2,
// not the page 1 given, is saved and its answer warns as a value import's
// does (引文不在第 1 页，在第 2 页；请核对页码, in English too), naming the
// citation by its place counted from 1, as DELETE …/citations/{n} counts
// (citations[2] is the second); a quote not in the document is warned of
// too, and a quote on its page is not. The probe's answer said
// found_on_page 2 and nothing. PATCH with new citations warns the same.
func TestClaimWarnsOfAQuoteOnAnotherPage(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "总结.txt", "杭州市2017年社区教育工作总结\f全年共举办342场市民大讲堂。")
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{
		"indicator": "3.1.2", "statement": "杭州市全年共举办342场市民大讲堂",
		"citations": []map[string]any{
			{"document_id": doc, "page": 2, "quote": "全年共举办342场市民大讲堂"},
			{"document_id": doc, "page": 1, "quote": "全年共举办342场市民大讲堂"},
			{"document_id": doc, "page": 1, "quote": "举办了五百场"},
		}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create claim: %d %v", resp.StatusCode, body)
	}
	warnings, _ := body["warnings"].([]any)
	want := []map[string]any{
		{"field": "citations[2].quote", "message": "引文不在第 1 页\uFF0C在第 2 页\uFF1B请核对页码", "message_en": "The quote is not on page 1 but on page 2; check the page number"},
		{"field": "citations[3].quote", "message": "所引文档中未找到该引文\uFF08请核对页码或原文\uFF09"},
	}
	if len(warnings) != len(want) {
		t.Fatalf("warnings %v, want %d: one for the quote on page 2, one for the quote not found", warnings, len(want))
	}
	for i, w := range want {
		got := warnings[i].(map[string]any)
		for k, v := range w {
			if got[k] != v {
				t.Errorf("warning %d: %s = %q, want %q (%v)", i, k, got[k], v, got)
			}
		}
	}
	claim := body["claim"].(map[string]any)
	resp, body = e.do(e.request("POST", "/api/v1/claims/"+claim["id"].(string)+"/citations",
		map[string]any{"document_id": doc, "page": 2, "quote": "全年共举办342场市民大讲堂"}), "coordA")
	if resp.StatusCode != http.StatusCreated || len(body["warnings"].([]any)) != 2 {
		t.Errorf("a citation added: %d, warnings %v; want the two earlier ones still warned of", resp.StatusCode, body["warnings"])
	}
	resp, body = e.do(e.request("PATCH", "/api/v1/claims/"+claim["id"].(string), map[string]any{
		"citations": []map[string]any{
			{"document_id": doc, "page": 2, "quote": "全年共举办342场市民大讲堂"},
			{"document_id": doc, "page": 1, "quote": "全年共举办342场市民大讲堂"},
		}}), "coordA")
	ws, _ := body["warnings"].([]any)
	if resp.StatusCode != http.StatusOK || len(ws) != 1 || ws[0].(map[string]any)["field"] != "citations[2].quote" ||
		ws[0].(map[string]any)["message"] != "引文不在第 1 页\uFF0C在第 2 页\uFF1B请核对页码" {
		t.Errorf("PATCH with new citations: %d, warnings %v; want 200 and citations[2]'s quote warned of as on page 2", resp.StatusCode, body["warnings"])
	}
	// The warning's number is the one DELETE …/citations/{n} takes.
	resp, body = e.do(e.request("DELETE", "/api/v1/claims/"+claim["id"].(string)+"/citations/2", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("DELETE …/citations/2: %d %v", resp.StatusCode, body)
	}
	_, body = e.do(e.request("GET", "/api/v1/claims/"+claim["id"].(string), nil), "coordA")
	if cs := body["claim"].(map[string]any)["citations"].([]any); len(cs) != 1 || cs[0].(map[string]any)["page"] != 2.0 {
		t.Errorf("after DELETE …/citations/2 the citations are %v; want the one on page 2 left", cs)
	}
}

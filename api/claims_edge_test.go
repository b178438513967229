package api

import (
	"net/http"
	"testing"
)

// TestClaimNumberCutByTheQuotesEdge: a quote that ends right before its
// number's unit (参与市民达3.2, the page going on 万人次) does not make
// the answer say 3.2万人次 未在引文中找到, on saving and on reading the
// claim: the page's text after the quote is read with it; a number the
// page does not write there (5万人次) is still named.
func TestClaimNumberCutByTheQuotesEdge(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "活动周总结.txt", "活动周期间，全市开展各类学习活动1200余场，参与市民达3.2万人次。")
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{
		"indicator": "3.1.2", "statement": "活动周参与市民达3.2万人次，其中线上5万人次。",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "参与市民达3.2"}}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create claim: %d %v", resp.StatusCode, body)
	}
	claim := body["claim"].(map[string]any)
	_, read := e.do(e.request("GET", "/api/v1/claims/"+claim["id"].(string), nil), "coordA")
	for what, c := range map[string]map[string]any{"the answer to POST": claim, "GET": read["claim"].(map[string]any)} {
		missing, _ := c["numbers_not_found"].([]any)
		if len(missing) != 1 || missing[0] != "5万人次" {
			t.Errorf("%s: numbers_not_found %v, want only 5万人次 (3.2万人次 is on the page right after the quote)", what, c["numbers_not_found"])
		}
	}
}

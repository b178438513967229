package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestLinkForAnotherRoundKeepsOrRefusesItsPage: a document already linked
// to 2.3.2 at page 1 is linked for 2018 with that link as it is; a
// different page sent with the round without a quote is refused by name
// (400, field page) instead of being dropped without a word; another
// quote is added to the link (200, quoted added), never dropped; and
// sending none answers with the link's own page and first quote. A page
// one of the link's passages is on, added later, is the link's too.
func TestLinkForAnotherRoundKeepsOrRefusesItsPage(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。全市持卡人数达到12.3万人。\f附件：持卡人数统计表")
	resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "page": 1,
		"quote": "杭州市发放市民终身学习卡"}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("linking for the document's round: %d %v", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "round": 2018,
		"page": 2}), "coordA")
	msg, _ := body["error"].(map[string]any)
	if resp.StatusCode != http.StatusBadRequest || msg["field"] != "page" || !strings.Contains(msg["message"].(string), "沿用这条关联") {
		t.Errorf("linking for 2018 at another page: %d %v, want 400 on page saying the link is used as it is", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "round": 2018,
		"page": 1, "quote": "全市持卡人数达到12.3万人"}), "coordA")
	if resp.StatusCode != http.StatusOK || body["quoted"] != "added" {
		t.Errorf("linking for 2018 with another quote: %d %v, want 200 with the quote added to the link", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "round": 2018}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("linking for 2018 as it is: %d %v", resp.StatusCode, body)
	}
	if l := body["link"].(map[string]any); l["page"] != float64(1) || l["quote"] != "杭州市发放市民终身学习卡" {
		t.Errorf("the link used in 2018: %v, want page 1 and its quote", l)
	}
	// Once a passage of the link is on page 2, page 2 is the link's: sent
	// without a quote it drops nothing.
	resp, body = e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "round": 2018,
		"page": 2, "quote": "持卡人数统计表"}), "coordA")
	if resp.StatusCode != http.StatusOK || body["quoted"] != "added" {
		t.Fatalf("linking for 2018 with a quote on page 2: %d %v, want 200 with the quote added", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.2", "round": 2018,
		"page": 2}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("linking for 2018 at page 2, which a passage of the link is on: %d %v, want 201", resp.StatusCode, body)
	}
}

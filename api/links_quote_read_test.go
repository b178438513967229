package api

import (
	"net/http"
	"testing"
)

// TestDocumentReadMarksLinkQuotes: the document's read gives each link's
// quote with whether it is on its page (quote_found) and where it was
// found (found_on_page), for the link's own quote and each added after
// it, so that a client never shows a quote the text does not have as the
// document's words.
func TestDocumentReadMarksLinkQuotes(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "社区教育年报.txt", "第一页：杭州市建立学分银行。\f第二页：开展全民终身学习活动月。")
	for _, l := range []map[string]any{
		{"document_id": doc, "indicator": "1.1.1", "page": 1, "quote": "这句话不在文中"},
		{"document_id": doc, "indicator": "2.3.1", "page": 1, "quote": "建立学分银行"},
		{"document_id": doc, "indicator": "2.3.1", "page": 1, "quote": "开展全民终身学习活动月"},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/links", l), "coordA")
		if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
			t.Fatalf("link %v: %d %v", l, resp.StatusCode, body)
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+doc, nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("read document: %d %v", resp.StatusCode, body)
	}
	links, _ := body["links"].([]any)
	got := map[string]map[string]any{}
	for _, l := range links {
		m := l.(map[string]any)
		got[m["indicator"].(string)] = m
	}
	if l := got["1.1.1"]; l == nil || l["quote_found"] != false || l["found_on_page"] != float64(0) {
		t.Errorf("link 1.1.1 quoting 这句话不在文中: %v; want quote_found false, found_on_page 0", l)
	}
	l := got["2.3.1"]
	if l == nil || l["quote_found"] != true || l["found_on_page"] != float64(1) {
		t.Fatalf("link 2.3.1 quoting 建立学分银行: %v; want quote_found true on page 1", l)
	}
	quotes, _ := l["quotes"].([]any)
	if len(quotes) != 2 {
		t.Fatalf("link 2.3.1's quotes: %v, want two", l["quotes"])
	}
	if q := quotes[1].(map[string]any); q["quote_found"] != false || q["found_on_page"] != float64(2) {
		t.Errorf("quote added on page 1, written on page 2: %v; want quote_found false, found_on_page 2", q)
	}
}

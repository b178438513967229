package api

import (
	"net/http"
	"testing"
)

// TestLinkSaysWhetherItsQuoteIsOnThePage: a link is saved whatever its
// quote, and answers, as a citation does, whether the quote's words are
// on the page given, on another page, or nowhere.
func TestLinkSaysWhetherItsQuoteIsOnThePage(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "两页.txt", "第一页：杭州市建立学分银行。\f第二页：全年共举办342场市民大讲堂。")
	tests := []struct {
		code  string
		page  int
		quote string
		found any
		on    any
	}{
		{"2.3.1", 1, "建立学分银行", true, float64(1)},
		{"3.1.2", 1, "共举办３４２场市民大讲堂", false, float64(2)},
		{"3.1.1", 2, "完全不存在的句子", false, float64(0)},
		{"1.1.1", 1, "", nil, nil},
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": tt.code, "page": tt.page, "quote": tt.quote}), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("link %s: %d %v", tt.code, resp.StatusCode, body)
		}
		if body["quote_found"] != tt.found || body["found_on_page"] != tt.on {
			t.Errorf("link %s quoting %q on page %d: quote_found %v found_on_page %v, want %v %v", tt.code, tt.quote, tt.page,
				body["quote_found"], body["found_on_page"], tt.found, tt.on)
		}
	}
}

package api

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"
)

// passagesIn are a link's quotes in its JSON, each as "page quote who";
// a passage without a time it was given reads "no time".
func passagesIn(quotes any) []string {
	list, _ := quotes.([]any)
	var out []string
	for _, q := range list {
		m, _ := q.(map[string]any)
		at, _ := m["created_at"].(string)
		if _, err := time.Parse(time.RFC3339Nano, at); err != nil {
			out = append(out, "no time")
			continue
		}
		out = append(out, fmt.Sprint(m["page"], " ", m["quote"], " ", m["created_by"]))
	}
	return out
}

// TestLinkAgainWithAQuote: POST /api/v1/links for a document linked to
// the indicator already answers 409 only without a quote; with one, the
// link gets it (200, quoted set, 已关联，已补充引文), a passage of another
// page is added after it (quoted added; quotes lists both with their
// pages, who gave each and when), and the same passage again changes
// nothing (quoted same). The link read back with the document, and in
// the indicator's evidence, holds them all.
func TestLinkAgainWithAQuote(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "两页.txt", "第一页：杭州市建立学分银行。\f第二页：全年共举办342场市民大讲堂。")
	link := func(page int, quote string) (int, map[string]any) {
		t.Helper()
		resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.1", "page": page, "quote": quote}), "coordA")
		return resp.StatusCode, body
	}
	if code, body := link(0, ""); code != http.StatusCreated {
		t.Fatalf("first link: %d %v", code, body)
	}
	if code, body := link(0, ""); code != http.StatusConflict {
		t.Errorf("the same link again without a quote: %d %v, want 409", code, body)
	}
	both := []string{"1 杭州市建立学分银行 coordA", "2 全年共举办342场市民大讲堂 coordA"}
	for _, c := range []struct {
		page          int
		quote, quoted string
		message       string
		quotes        []string
	}{
		{1, "杭州市建立学分银行", "set", "已关联，已补充引文", nil},
		{2, "全年共举办342场市民大讲堂", "added", "已关联，已补充引文", both},
		{2, "全年共举办342场市民大讲堂", "same", "已关联，且已有这段引文，未作改动", both},
	} {
		code, body := link(c.page, c.quote)
		if code != http.StatusOK || body["quoted"] != c.quoted || body["message"] != c.message {
			t.Errorf("link again quoting %q: %d %v, want 200 quoted %s %q", c.quote, code, body, c.quoted, c.message)
			continue
		}
		l := body["link"].(map[string]any)
		if l["quote"] != "杭州市建立学分银行" || l["page"] != 1.0 || !reflect.DeepEqual(passagesIn(l["quotes"]), c.quotes) {
			t.Errorf("link again quoting %q: the link is %v, want its first quote on page 1 and quotes %v", c.quote, l, c.quotes)
		}
		if body["quote_found"] != true || body["found_on_page"] != float64(c.page) {
			t.Errorf("link again quoting %q: quote_found %v on %v, want found on page %d", c.quote, body["quote_found"], body["found_on_page"], c.page)
		}
	}
	// Counted in another round (2018, the document being 2017's), the
	// link is used as it is and a quote given is added to it too.
	resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "2.3.1", "round": 2018,
		"page": 2, "quote": "市民大讲堂"}), "coordA")
	if resp.StatusCode != http.StatusOK || body["quoted"] != "added" || body["round"] != 2018.0 {
		t.Errorf("linked for 2018 with another quote: %d %v, want 200 quoted added", resp.StatusCode, body)
	}
	_, body = e.do(e.request("GET", "/api/v1/documents/"+doc, nil), "coordA")
	links, _ := body["links"].([]any)
	all := append(both, "2 市民大讲堂 coordA")
	if len(links) != 1 || !reflect.DeepEqual(passagesIn(links[0].(map[string]any)["quotes"]), all) {
		t.Errorf("the document's links: %v, want one citing the three passages", body["links"])
	}
	// The indicator's evidence names the link with every passage too.
	_, body = e.do(e.request("GET", "/api/v1/indicators/2.3.1/evidence", nil), "coordA")
	var got []string
	docs, _ := body["documents"].([]any)
	for _, d := range docs {
		if m, _ := d.(map[string]any); m["id"] == doc {
			l, _ := m["link"].(map[string]any)
			qs, _ := l["quotes"].([]any)
			for _, q := range qs {
				q, _ := q.(map[string]any)
				got = append(got, fmt.Sprint(q["page"], " ", q["quote"]))
			}
		}
	}
	if want := []string{"1 杭州市建立学分银行", "2 全年共举办342场市民大讲堂", "2 市民大讲堂"}; !reflect.DeepEqual(got, want) {
		t.Errorf("the indicator's evidence names the link's passages %q, want %q", got, want)
	}
}

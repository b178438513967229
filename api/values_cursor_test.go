package api

import (
	"fmt"
	"net/http"
	"testing"
)

// TestValueListGoesOnByCursor: GET /api/v1/values answers next when its
// page is full, and after=next gives the following page, in the order
// page= gives, each value once; after with page past 1, or a mangled
// after, is a 400 about the field (page=1 with after is the page after
// it, as README says).
func TestValueListGoesOnByCursor(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "num.txt", numbersText)
	e.manyValues(doc, 230)
	var byPage []string
	for page := 1; page <= 3; page++ {
		_, body := e.do(e.request("GET", fmt.Sprintf("/api/v1/values?city=%s&page=%d", cityA, page), nil), "expert")
		for _, v := range body["values"].([]any) {
			byPage = append(byPage, v.(map[string]any)["id"].(string))
		}
	}
	var byCursor []string
	var first string // page 1's next
	path := "/api/v1/values?city=" + cityA
	for range 4 {
		resp, body := e.do(e.request("GET", path, nil), "expert")
		list, _ := body["values"].([]any)
		if resp.StatusCode != http.StatusOK || body["total"] != float64(230) {
			t.Fatalf("%s: %d %v", path, resp.StatusCode, body["error"])
		}
		for _, v := range list {
			byCursor = append(byCursor, v.(map[string]any)["id"].(string))
		}
		next, _ := body["next"].(string)
		if (next == "") != (len(list) < 100) {
			t.Errorf("%s: %d values and next %q, want a next exactly when the page is full", path, len(list), next)
		}
		if next == "" {
			break
		}
		if first == "" {
			first = next
		}
		path = "/api/v1/values?city=" + cityA + "&after=" + next
	}
	if fmt.Sprint(byCursor) != fmt.Sprint(byPage) || len(byCursor) != 230 {
		t.Errorf("by cursor %d values, by page %d; want the same 230 in the same order", len(byCursor), len(byPage))
	}
	resp, body := e.do(e.request("GET", "/api/v1/values?city="+cityA+"&page=1&after="+first, nil), "expert")
	if list, _ := body["values"].([]any); resp.StatusCode != http.StatusOK || len(list) != 100 || len(byCursor) < 101 ||
		list[0].(map[string]any)["id"] != byCursor[100] {
		t.Errorf("page=1 with after=next: %d %v, want the second page (after with page past 1 alone is refused)", resp.StatusCode, body["error"])
	}
	for q, field := range map[string]string{"after=bm90IGpzb24&page=2": "page", "after=%25%25": "after", "after=bm90IGpzb24": "after"} {
		resp, body := e.do(e.request("GET", "/api/v1/values?"+q, nil), "expert")
		er, _ := body["error"].(map[string]any)
		if resp.StatusCode != http.StatusBadRequest || er["field"] != field || er["message_en"] == "" {
			t.Errorf("%s: %d %v, want 400 about %s with an English message", q, resp.StatusCode, body, field)
		}
	}
}

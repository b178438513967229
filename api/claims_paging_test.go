package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestClaimListNextHoldsWhileReviewed: a client going through the
// 定性描述 two at a time by next meets every one, though the first is
// reviewed between two requests (by page, the third slid onto page one,
// read already, and was never listed); a bad cursor, or page with after,
// is refused about its parameter.
func TestClaimListNextHoldsWhileReviewed(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行。")
	ids := map[string]bool{}
	for range 5 {
		ids[e.claim(doc)] = true
	}
	list := func(query string) (next string, got []string) {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/claims?city="+cityA+"&size=2"+query, nil), "expert")
		cs, _ := body["claims"].([]any)
		if resp.StatusCode != http.StatusOK || body["total"] != float64(5) || body["size"] != float64(2) {
			t.Fatalf("claims%s: %d %v, want 200 with total 5 and size 2", query, resp.StatusCode, body)
		}
		for _, c := range cs {
			got = append(got, c.(map[string]any)["id"].(string))
		}
		next, _ = body["next"].(string)
		if (next != "") != (len(cs) == 2) {
			t.Errorf("claims%s: %d claims and next %q; want next exactly when the page is full", query, len(cs), next)
		}
		return next, got
	}
	next, first := list("")
	resp, body := e.do(e.request("POST", "/api/v1/claims/"+first[0]+"/reviews", map[string]any{"verdict": "verified"}), "reviewer")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("review: %d %v", resp.StatusCode, body)
	}
	seen := map[string]int{first[0]: 1, first[1]: 1}
	for pages := 0; next != "" && pages < 5; pages++ {
		var got []string
		next, got = list("&after=" + url.QueryEscape(next))
		for _, id := range got {
			seen[id]++
		}
	}
	for id := range ids {
		if seen[id] == 0 {
			t.Errorf("claim %s never listed (seen %v)", id, seen)
		}
	}
	for q, field := range map[string]string{"&after=nonsense": "after", "&after=" + url.QueryEscape(next+"x"): "after",
		"&page=2&after=" + url.QueryEscape(first[0]): "page"} {
		resp, body := e.do(e.request("GET", "/api/v1/claims?size=2"+q, nil), "expert")
		er, _ := body["error"].(map[string]any)
		msg, _ := er["message"].(string)
		if resp.StatusCode != http.StatusBadRequest || er["field"] != field || er["message_en"] == nil || strings.Contains(msg, ":") {
			t.Errorf("claims%s: %d %v, want 400 about %s in Chinese and English", q, resp.StatusCode, body, field)
		}
	}
}

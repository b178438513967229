package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestSearchByPostTakesAPastedPassage: a reviewer's program sends 1,500
// characters of a city's 工作总结, too long for an address, in the body of
// POST /api/v1/search with GET's parameters (city as a list, size as a
// number): the answer is GET's, the summary alone among other documents,
// read as a passage and marked. GET with the same passage in its URL
// still answers, and says to send it by POST; a short GET does not. A
// body of the wrong shape is refused naming its field.
func TestSearchByPostTakesAPastedPassage(t *testing.T) {
	e := newEnv(t)
	summary := e.upload(cityA, "2018年工作总结.txt", testenv.WorkSummary)
	e.upload(cityA, "活动周通知.txt", testenv.NoticeFinal)
	e.upload(cityA, "老年教育方案.txt", testenv.Unrelated)

	resp, body := e.do(e.request("POST", "/api/v1/search", map[string]any{
		"q": testenv.SummaryPassage, "city": []string{cityA}, "size": 5, "sort": "relevance",
	}), "expert")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/v1/search with the passage: %d %v", resp.StatusCode, body)
	}
	hits, _ := body["hits"].([]any)
	if len(hits) != 1 || hits[0].(map[string]any)["id"] != summary {
		t.Fatalf("POST search of the summary's passage: hits %v, want the summary %s alone", hits, summary)
	}
	frags := hits[0].(map[string]any)["fragments"].([]any)
	if len(frags) == 0 || !strings.Contains(frags[0].(map[string]any)["html"].(string), "<mark>") {
		t.Errorf("the summary's hit marks nothing of the passage: %v", frags)
	}
	if body["passage"] == nil || !strings.Contains(body["passage_notice"].(string), "按段落查找出处") {
		t.Errorf("the answer does not say the query was read as a passage: passage %v, notice %v", body["passage"], body["passage_notice"])
	}
	if _, ok := body["post_notice"]; ok {
		t.Errorf("a POST search is told to use POST: %v", body["post_notice"])
	}

	resp, got := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(testenv.SummaryPassage)+"&city="+cityA, nil), "expert")
	if resp.StatusCode != http.StatusOK || len(got["hits"].([]any)) != 1 {
		t.Fatalf("GET with the passage in its URL: %d, %v hits; want the summary as before", resp.StatusCode, got["hits"])
	}
	if n, _ := got["post_notice"].(string); !strings.Contains(n, "POST /api/v1/search") || !strings.Contains(got["post_notice_en"].(string), "POST /api/v1/search") {
		t.Errorf("GET with a passage in its URL does not point to POST: %q, %q", n, got["post_notice_en"])
	}
	if _, short := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("学分银行"), nil), "expert"); short["post_notice"] != nil {
		t.Errorf("a short GET search is told to use POST: %v", short["post_notice"])
	}

	for _, c := range []struct {
		name  string
		body  string
		field string
	}{
		{"city an object", `{"q":"学分银行","city":{"code":"330100"}}`, "city"},
		{"unknown field", `{"query":"学分银行"}`, "query"},
		{"size a string of letters", `{"q":"学分银行","size":"十"}`, "size"},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/search", c.body), "expert")
		errBody, _ := body["error"].(map[string]any)
		if resp.StatusCode != http.StatusBadRequest || errBody["field"] != c.field {
			t.Errorf("POST search with %s: %d %v, want 400 on field %s", c.name, resp.StatusCode, body, c.field)
		}
	}
}

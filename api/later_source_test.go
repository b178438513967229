package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestSourceWrittenAfterTheRoundIsWarnedOf: a 2017 value and a 2017
// claim citing a work summary written 2023-12-20 were saved with no word
// about it (probe s41 observation 10). Both are saved, and their answers
// warn that the source is dated after the round, in Chinese and English;
// a source dated within the round says nothing.
func TestSourceWrittenAfterTheRoundIsWarnedOf(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "杭州市2023年度社区教育工作总结.txt", "2017年成人年参与学习率达到85.3%。全年共举办342场市民大讲堂。")
	dated := func(on string) {
		t.Helper()
		resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+doc, map[string]any{"issued_on": on}), "admin")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("date the summary %s: %d %v", on, resp.StatusCode, body)
		}
	}
	dated("2023-12-20")
	const want = "成文于 2023-12-20\uFF0C晚于本轮\uFF082017年度\uFF09"
	resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": 2017, "indicator": "5.1.1", "value": "85.3%",
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "2017年成人年参与学习率达到85.3%"}}), "coordA")
	v, _ := body["value"].(map[string]any)
	if resp.StatusCode != http.StatusCreated || !strings.Contains(fmt.Sprint(v["warnings"]), want) ||
		!strings.Contains(fmt.Sprint(v["warnings"]), "after this round (round 2017)") {
		t.Errorf("a 2017 value citing a 2023 summary: %d warnings %v; want %q, in English too", resp.StatusCode, v["warnings"], want)
	}
	if _, got := e.do(e.request("GET", "/api/v1/values/"+fmt.Sprint(v["id"]), nil), "reviewer"); !strings.Contains(fmt.Sprint(got["value"]), want) {
		t.Errorf("the value read by the reviewer: %v; want the warning %q", got["value"], want)
	}
	resp, body = e.do(e.request("POST", "/api/v1/claims", map[string]any{"round": 2017, "indicator": "3.1.2", "statement": "全年共举办342场市民大讲堂",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "全年共举办342场市民大讲堂"}}}), "coordA")
	c, _ := body["claim"].(map[string]any)
	if resp.StatusCode != http.StatusCreated || !strings.Contains(fmt.Sprint(c["source_warnings"]), want) {
		t.Errorf("a 2017 claim citing a 2023 summary: %d %v; want source_warnings %q", resp.StatusCode, body, want)
	}

	dated("2017-12-20")
	if _, got := e.do(e.request("GET", "/api/v1/claims/"+fmt.Sprint(c["id"]), nil), "reviewer"); strings.Contains(fmt.Sprint(got), "晚于本轮") {
		t.Errorf("the claim once its source is dated 2017: %v; want no warning of a later source", got)
	}
}

package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestValuesListWarnsOfASourceWrittenAfterTheRound: a value citing a
// work summary written after its round was warned of in the answer to
// recording it and when read alone, but not in the listing a reviewer
// works from, which shows the number's warnings. Each listed value
// citing a later document says so, in Chinese and English, as a ledger
// row importing one does; a value citing a document of its round says
// nothing.
func TestValuesListWarnsOfASourceWrittenAfterTheRound(t *testing.T) {
	e := newEnv(t)
	later := e.upload(cityA, "杭州市2023年度社区教育工作总结.txt", "2017年成人年参与学习率达到85.3%。认定市民终身学习基地123个。")
	within := e.upload(cityA, "杭州市2017年统计公报.txt", "全年开展社区教育活动，参与市民12.5万人次。")
	for doc, on := range map[string]string{later: "2023-12-20", within: "2017-12-20"} {
		resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+doc, map[string]any{"issued_on": on}), "admin")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("date %s %s: %d %v", doc, on, resp.StatusCode, body)
		}
	}
	for _, b := range []map[string]any{
		{"round": 2017, "indicator": "5.1.1", "value": "85.3%", "citation": map[string]any{"document_id": later, "page": 1, "quote": "2017年成人年参与学习率达到85.3%"}},
		{"round": 2017, "indicator": "3.1.3", "value": "12.5万", "unit": "人次", "citation": map[string]any{"document_id": within, "page": 1, "quote": "参与市民12.5万人次"}},
	} {
		if resp, body := e.do(e.request("POST", "/api/v1/values", b), "coordA"); resp.StatusCode != http.StatusCreated {
			t.Fatalf("record %v: %d %v", b["indicator"], resp.StatusCode, body)
		}
	}
	const want, wantEN = "成文于 2023-12-20\uFF0C晚于本轮\uFF082017年度\uFF09", "after this round (round 2017)"
	resp, body := e.do(e.request("GET", "/api/v1/values?city="+cityA+"&round=2017", nil), "reviewer")
	list, _ := body["values"].([]any)
	if resp.StatusCode != http.StatusOK || len(list) != 2 {
		t.Fatalf("list the 2017 values: %d %v", resp.StatusCode, body)
	}
	for _, item := range list {
		v := item.(map[string]any)
		warnings := fmt.Sprint(v["warnings"])
		switch v["indicator"] {
		case "5.1.1":
			if !strings.Contains(warnings, want) || !strings.Contains(warnings, wantEN) {
				t.Errorf("listed 5.1.1 citing the 2023 summary: warnings %s; want %q and %q", warnings, want, wantEN)
			}
		case "3.1.3":
			if strings.Contains(warnings, "晚于本轮") {
				t.Errorf("listed 3.1.3 citing the 2017 bulletin: warnings %s; want none of a later source", warnings)
			}
		}
	}

	resp, body = e.do(e.request("POST", "/api/v1/values/import", uploadBody(map[string]string{"city": cityA, "round": "2017"},
		map[string][]byte{"台账.xlsx": ledgerXLSX(t, later)})), "coordA")
	if resp.StatusCode != http.StatusCreated || !strings.Contains(fmt.Sprint(body["values"]), want) {
		t.Errorf("import a ledger row citing the 2023 summary: %d %v; want the warning %q", resp.StatusCode, body, want)
	}
}

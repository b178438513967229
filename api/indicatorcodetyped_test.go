package api

import (
	"net/http"
	"testing"
)

// TestIndicatorCodesAsAChineseInputMethodTypesThem: an indicator code
// typed with a full-width dot (2．3．1) or after 指标 (指标2.3.3) is the
// framework's code in an upload's indicators, a link, a 定性描述 and a
// 数值, each stored under the framework's code; each was refused as not
// in the framework (probe s56).
func TestIndicatorCodesAsAChineseInputMethodTypesThem(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2017",
		"indicators": "2．3．1"}, map[string][]byte{"学分银行统计.txt": []byte(numbersText)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload with indicators 2．3．1: %d %v", resp.StatusCode, body)
	}
	d := body["documents"].([]any)[0].(map[string]any)
	if links, _ := d["links"].([]any); len(links) != 1 || links[0].(map[string]any)["indicator"] != "2.3.1" {
		t.Errorf("upload with indicators 2．3．1: links %v, want one to 2.3.1", d["links"])
	}
	doc := e.te.WaitIndexed(d["id"].(string)).ID

	resp, body = e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": doc, "indicator": "指标2.3.2"}), "coordA")
	if l, _ := body["link"].(map[string]any); resp.StatusCode != http.StatusCreated || l["indicator"] != "2.3.2" {
		t.Errorf("link to 指标2.3.2: %d %v, want 201 linked to 2.3.2", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/claims", map[string]any{"city": cityA, "round": 2017, "indicator": "２．３．１",
		"statement": "杭州市建立了学分银行", "citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "存入学分银行的社会培训成果12.3万人"}}}), "coordA")
	if c, _ := body["claim"].(map[string]any); resp.StatusCode != http.StatusCreated || c["indicator"] != "2.3.1" {
		t.Errorf("claim on ２．３．１: %d %v, want 201 on 2.3.1", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/values", map[string]any{"city": cityA, "round": 2017, "indicator": "指标 2．3．3",
		"value": "12.3万", "unit": "人", "citation": map[string]any{"document_id": doc, "page": 1, "quote": "存入学分银行的社会培训成果12.3万人"}}), "coordA")
	if v, _ := body["value"].(map[string]any); resp.StatusCode != http.StatusCreated || v["indicator"] != "2.3.3" {
		t.Errorf("value on 指标 2．3．3: %d %v, want 201 on 2.3.3", resp.StatusCode, body)
	}
}

package api

import (
	"net/http"
	"net/url"
	"testing"
)

// TestDocumentGivesItsDocNumberAsWritten: a document whose text writes its
// 文号 杭教成[2017]15号 has doc_number 杭教成〔2017〕15号, what matching
// uses, and doc_number_written as the text writes it, which a search hit's
// doc_number shows; one written in 〔〕 has no doc_number_written.
func TestDocumentGivesItsDocNumberAsWritten(t *testing.T) {
	e := newEnv(t)
	square := e.upload(cityA, "通知.txt", "杭州市教育局文件\n\n杭教成[2017]15号\n\n关于开展社区教育示范街道评选的通知\n\n各区教育局：\n    现将有关事项通知如下。\n")
	plain := e.upload(cityA, "意见.txt", "杭州市教育局文件\n\n杭教成〔2017〕16号\n\n关于推进学习型城市建设的意见\n\n各区教育局：\n    现提出如下意见。\n")
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+square, nil), "coordA")
	if resp.StatusCode != http.StatusOK || body["doc_number"] != "杭教成〔2017〕15号" || body["doc_number_written"] != "杭教成[2017]15号" {
		t.Errorf("a 文号 in [ ]: %d doc_number %v, doc_number_written %v", resp.StatusCode, body["doc_number"], body["doc_number_written"])
	}
	_, body = e.do(e.request("GET", "/api/v1/documents/"+plain, nil), "coordA")
	if body["doc_number"] != "杭教成〔2017〕16号" || body["doc_number_written"] != nil {
		t.Errorf("a 文号 in 〔〕: doc_number %v, doc_number_written %v; want none", body["doc_number"], body["doc_number_written"])
	}
	_, body = e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("杭教成(2017)15号"), nil), "coordA")
	hits, _ := body["hits"].([]any)
	found := false
	for _, h := range hits {
		if hit, _ := h.(map[string]any); hit["id"] == square {
			found = true
			if hit["doc_number"] != "杭教成[2017]15号" {
				t.Errorf("search hit's doc_number %v, want 杭教成[2017]15号", hit["doc_number"])
			}
		}
	}
	if !found {
		t.Errorf("search 杭教成(2017)15号: %s not among %v", square, hits)
	}
}

package api

import (
	"context"
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestCitationQuoteReadOnAScan: a claim cites a photo whose OCR read 其
// as 甚, once as the paper has it and once as the OCR read it. The first
// is found with quote_read 甚, the second exactly, without quote_read;
// the same words cited of a text layer are not found at all.
func TestCitationQuoteReadOnAScan(t *testing.T) {
	e := newEnv(t)
	const page = "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行。"
	scan := e.upload(cityA, "学分银行照片.txt", page)
	text := e.upload(cityA, "学分银行文本.txt", page+"\n")
	d, err := e.cat.Document(context.Background(), scan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.te.SaveText(d.SHA256, &ingest.StoredText{Extractor: "ocr", Pages: []string{page},
		PageSources: []string{catalog.SourceOCR}}); err != nil {
		t.Fatal(err)
	}
	const typed, misread = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行", "凡课时达到规定要求的，甚学习成果均可存入"
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{
		"indicator": "2.3.1", "statement": "杭州市学分银行认可学习成果",
		"citations": []map[string]any{
			{"document_id": scan, "page": 1, "quote": typed},
			{"document_id": scan, "page": 1, "quote": misread},
			{"document_id": text, "page": 1, "quote": typed},
		}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create claim: %d %v", resp.StatusCode, body)
	}
	want := []struct {
		found bool
		read  any
	}{{true, "甚"}, {true, nil}, {false, nil}}
	for i, cit := range body["claim"].(map[string]any)["citations"].([]any) {
		cit := cit.(map[string]any)
		if cit["quote_found"] != want[i].found || cit["quote_read"] != want[i].read {
			t.Errorf("citation %d: found %v reading %v, want %v reading %v", i+1, cit["quote_found"], cit["quote_read"], want[i].found, want[i].read)
		}
	}
}

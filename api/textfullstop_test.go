package api

import (
	"net/http"
	"testing"
)

// TestDocumentTextKeepsItsFullStops: a page shown (?shown=1) keeps each
// '.' the document wrote: the text is never stored with 。 folded to '.',
// so turning one into 。 would show a character the document never had
// (review pfix #1). Its commas and colons next to Chinese read full-width.
func TestDocumentTextKeepsItsFullStops(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "taizhang.txt", "台账合计为7000人.与填报不符.请核对.附件:学分银行方案.定稿.docx")
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/text?shown=1", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("text?shown=1: %d %v", resp.StatusCode, body)
	}
	pages, _ := body["pages"].([]any)
	const want = "台账合计为7000人.与填报不符.请核对.附件\uFF1A学分银行方案.定稿.docx"
	if len(pages) != 1 || pages[0] != want {
		t.Errorf("text?shown=1: pages %q, want [%q]", pages, want)
	}
}

package api

import (
	"net/http"
	"testing"
)

// TestDocumentListShowsEachDocumentsLinks: a page of GET /api/v1/documents
// gives each document's links, as its own view does; an unlinked one has
// an empty list.
func TestDocumentListShowsEachDocumentsLinks(t *testing.T) {
	e := newEnv(t)
	linked := e.upload(cityA, "学分银行管理办法.txt", "杭州市学分银行管理办法 杭政办发〔2018〕12号")
	bare := e.upload(cityA, "工作简报.txt", "杭州市社区教育工作简报")
	e.link(linked, "2.3.1")
	e.link(linked, "1.1.2")
	resp, body := e.do(e.request("GET", "/api/v1/documents?city="+cityA, nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %d %v", resp.StatusCode, body)
	}
	got := map[string][]string{}
	for _, d := range body["documents"].([]any) {
		d := d.(map[string]any)
		codes := []string{}
		for _, l := range d["links"].([]any) {
			codes = append(codes, l.(map[string]any)["indicator"].(string))
		}
		got[d["id"].(string)] = codes
	}
	if c := got[linked]; len(c) != 2 || c[0] != "2.3.1" || c[1] != "1.1.2" {
		t.Errorf("links of the linked document in the list: %v, want [2.3.1 1.1.2]", c)
	}
	if c, ok := got[bare]; !ok || len(c) != 0 {
		t.Errorf("links of the unlinked document in the list: %v (listed %v), want []", c, ok)
	}
}

package api

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
)

// TestEventsOfADocumentAsDocumentID: GET /api/v1/events?object=document:ID
// lists the document's upload and edit, logged by its bare ID, as the
// bare ID lists them; another document's events are not among them.
func TestEventsOfADocumentAsDocumentID(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "社区教育工作总结.txt", "杭州市社区教育工作总结，全年举办讲座342场。")
	e.upload(cityA, "学分银行实施办法.txt", "建立学分银行制度。")
	if resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+id, map[string]any{"doc_number": "杭教〔2018〕12号"}), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("edit the 文号: %d %v", resp.StatusCode, body)
	}
	for _, object := range []string{"document:" + id, id} {
		resp, body := e.do(e.request("GET", "/api/v1/events?object="+url.QueryEscape(object), nil), "admin")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("events of %s: %d %v", object, resp.StatusCode, body)
		}
		var actions []string
		evs, _ := body["events"].([]any)
		for _, ev := range evs {
			m := ev.(map[string]any)
			if m["object"] != id {
				t.Errorf("events of %s: one about %v", object, m["object"])
			}
			actions = append(actions, m["action"].(string))
		}
		slices.Sort(actions)
		if !slices.Equal(actions, []string{"document.edit", "document.upload"}) {
			t.Errorf("events of %s: %v, want its upload and edit", object, actions)
		}
	}
}

package api

import (
	"net/http"
	"slices"
	"testing"
)

// TestAValueTellsItsReviewerItsSourceWasDeletedAndWhy: a reviewer reading
// a verified value whose source was since deleted reads, in the value
// itself, the source's title marked deleted and the value's history
// (recorded, reviewed, reopened by the delete), as a claim's view gives
// them. The value answered 待审核 with the old verdict and nothing to
// say why: no title, no document_deleted, no history, and the audit log
// is closed to reviewers.
func TestAValueTellsItsReviewerItsSourceWasDeletedAndWhy(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "2017年统计公报.txt", numbersText)
	id := e.value(doc)
	if resp, body := e.do(e.request("POST", "/api/v1/values/"+id+"/reviews", `{"verdict":"属实","comment":"与统计公报一致"}`), "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("verify: %d %v", resp.StatusCode, body)
	}
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+doc, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	resp, body := e.do(e.request("GET", "/api/v1/values/"+id, nil), "reviewer")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET the value: %d %v", resp.StatusCode, body)
	}
	cit, _ := body["value"].(map[string]any)["citation"].(map[string]any)
	if cit["document_deleted"] != true || cit["title"] != "2017年统计公报" {
		t.Errorf("the value's citation: %v, want document_deleted and the title 2017年统计公报", cit)
	}
	var actions []string
	history, _ := body["history"].([]any)
	for _, h := range history {
		actions = append(actions, h.(map[string]any)["action"].(string))
	}
	if want := []string{"value.create", "value.review", "value.reopen", "document.delete"}; !slices.Equal(actions, want) {
		t.Errorf("the value's history %v, want %v, oldest first", actions, want)
	}
}

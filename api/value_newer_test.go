package api

import (
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAValueWhoseSourceWasDeletedNamesItsNewerVersion: GET a value whose
// cited draft was deleted after its final text was uploaded names the
// final text (citation.newer_version: id and title), which the reviewer
// can check the value against; it said only document_deleted (probe s56).
func TestAValueWhoseSourceWasDeletedNamesItsNewerVersion(t *testing.T) {
	e := newEnv(t)
	c, newer, final := e.valueCitationOnceReplaced(testenv.NoticeDraft, "推出100门优质微课程", "100", testenv.NoticeFinal)
	if c["document_deleted"] != true || newer["id"] != final || newer["title"] == "" || newer["title"] == nil {
		t.Errorf("the value's citation: %v, want document_deleted and newer_version %s with its title", c, final)
	}
}

// valueCitationOnceReplaced records a value of city A citing quote in a
// document of text, uploads newerText, deletes the first document and
// reads the value back as a reviewer: its citation, the citation's
// newer_version and the newer document's ID.
func (e *env) valueCitationOnceReplaced(text, quote, value, newerText string) (citation, newer map[string]any, newerID string) {
	e.t.Helper()
	old := e.upload(cityA, "原件.txt", text)
	resp, body := e.do(e.request("POST", "/api/v1/values", `{"city":"330100","round":2018,"indicator":"2.2.1","value":"`+value+`",
		"citation":{"document_id":"`+old+`","page":1,"quote":"`+quote+`"}}`), "coordA")
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("record: %d %v", resp.StatusCode, body)
	}
	id := body["value"].(map[string]any)["id"].(string)
	newerID = e.upload(cityA, "新版本.txt", newerText)
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+old, nil), "admin"); resp.StatusCode != http.StatusOK {
		e.t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	_, body = e.do(e.request("GET", "/api/v1/values/"+id, nil), "reviewer")
	citation = body["value"].(map[string]any)["citation"].(map[string]any)
	newer, _ = citation["newer_version"].(map[string]any)
	return citation, newer, newerID
}

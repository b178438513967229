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
	draft := e.upload(cityA, "通知征求意见稿.txt", testenv.NoticeDraft)
	resp, body := e.do(e.request("POST", "/api/v1/values", `{"city":"330100","round":2018,"indicator":"2.2.1","value":"100",
		"citation":{"document_id":"`+draft+`","page":1,"quote":"推出100门优质微课程"}}`), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("record: %d %v", resp.StatusCode, body)
	}
	id := body["value"].(map[string]any)["id"].(string)
	final := e.upload(cityA, "通知.txt", testenv.NoticeFinal)
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+draft, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	_, body = e.do(e.request("GET", "/api/v1/values/"+id, nil), "reviewer")
	c := body["value"].(map[string]any)["citation"].(map[string]any)
	newer, _ := c["newer_version"].(map[string]any)
	if c["document_deleted"] != true || newer["id"] != final || newer["title"] == "" || newer["title"] == nil {
		t.Errorf("the value's citation: %v, want document_deleted and newer_version %s with its title", c, final)
	}
}

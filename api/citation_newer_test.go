package api

import (
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAClaimWhoseCitedDocumentWasDeletedNamesItsNewerVersion: GET a claim
// whose cited draft was deleted after its final text was uploaded names
// the final text on the citation (newer_version: id, title and relation
// near), as a value's citation does; the claim said only
// document_deleted (probe s56, review s57).
func TestAClaimWhoseCitedDocumentWasDeletedNamesItsNewerVersion(t *testing.T) {
	e := newEnv(t)
	draft := e.upload(cityA, "通知征求意见稿.txt", testenv.NoticeDraft)
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{
		"indicator": "2.2.1", "statement": "全市推出100门优质微课程",
		"citations": []map[string]any{{"document_id": draft, "page": 1, "quote": "推出100门优质微课程"}}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("claim: %d %v", resp.StatusCode, body)
	}
	id := body["claim"].(map[string]any)["id"].(string)
	final := e.upload(cityA, "通知.txt", testenv.NoticeFinal)
	citation := func() map[string]any {
		t.Helper()
		_, body := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "reviewer")
		return body["claim"].(map[string]any)["citations"].([]any)[0].(map[string]any)
	}
	if c := citation(); c["newer_version"] != nil {
		t.Errorf("a citation of a live document names a newer version: %v", c)
	}
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+draft, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	c := citation()
	newer, _ := c["newer_version"].(map[string]any)
	if c["document_deleted"] != true || newer["id"] != final || newer["title"] == "" || newer["title"] == nil || newer["relation"] != "near" {
		t.Errorf("the claim's citation: %v, want document_deleted and newer_version %s, near, with its title", c, final)
	}
}

// TestACitedScanDeletedNamesTheNoticeItIsPartOf: a value citing the scan
// of a notice's first page, the whole notice uploaded after it and the
// scan then deleted, names the notice (newer_version, relation part_of:
// it holds the scan's whole text, so the cited passage too). Only a near
// duplicate was named (review s57, values/history.go:66), and the scan is
// part of the notice, no near duplicate of it.
func TestACitedScanDeletedNamesTheNoticeItIsPartOf(t *testing.T) {
	e := newEnv(t)
	c, newer, notice := e.valueCitationOnceReplaced(testenv.PartNoticeScan, "开户人数达到50万", "50万", testenv.PartNotice)
	if c["document_deleted"] != true || newer["id"] != notice || newer["relation"] != "part_of" {
		t.Errorf("the value's citation: %v, want document_deleted and newer_version %s, part_of", c, notice)
	}
}

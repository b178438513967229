package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestImportXLSOverHTTP: a responsibility table saved as .xls is read in
// the extraction sandbox and imported through the API; a damaged one that
// makes the XLS reader panic is a 400 saying what to do, and the server
// answers on as before.
func TestImportXLSOverHTTP(t *testing.T) {
	xls, damaged := testfiles.ResponsibilityXLS(t)
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.xls": damaged})), "coordA")
	msg, _ := body["error"].(map[string]any)["message"].(string)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "已损坏") || !strings.Contains(msg, "另存为 .xlsx") {
		t.Errorf("a damaged .xls: %d %q, want 400 saying it is damaged and to save it as .xlsx", resp.StatusCode, msg)
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.et": xls})), "coordA")
	if resp.StatusCode != http.StatusCreated || len(body["assignments"].([]any)) != 4 {
		t.Fatalf("the sound table as WPS names it, after the damaged one: %d %v", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("GET", "/api/v1/assignments?city="+cityA+"&round=2018&department=市教育局", nil), "coordA")
	if resp.StatusCode != http.StatusOK || len(body["assignments"].([]any)) != 3 {
		t.Errorf("市教育局, written once beside three indicators: %d %v, want 3 tasks", resp.StatusCode, body)
	}
}

package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestContributorAskingForAnotherDepartmentIsTold: 市教育局's contributor
// asking GET /api/v1/assignments?department=市人力社保局 was answered 200
// with its own tasks as if they were that department's (probe s55); it
// is refused as a city out of reach is, saying whose tasks the account
// sees, in Chinese and English. Its own department asked for is listed.
func TestContributorAskingForAnotherDepartmentIsTold(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.csv": []byte(responsibilityTable)})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("import: %d %v", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("GET", "/api/v1/assignments?department="+url.QueryEscape("市人力社保局"), nil), "contribA")
	errObj, _ := body["error"].(map[string]any)
	msg, _ := errObj["message"].(string)
	en, _ := errObj["message_en"].(string)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(msg, "您的账号属于市教育局") || !strings.Contains(en, "your account belongs to 市教育局") {
		t.Errorf("another department's tasks: %d %v, want 404 naming the account's department, in English too", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("GET", "/api/v1/assignments?department="+url.QueryEscape("市教育局"), nil), "contribA")
	if list, _ := body["assignments"].([]any); resp.StatusCode != http.StatusOK || len(list) != 1 {
		t.Errorf("its own department's tasks: %d %v, want its one task", resp.StatusCode, body)
	}
}

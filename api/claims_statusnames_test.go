package api

import (
	"net/http"
	"net/url"
	"testing"
)

// TestClaimAndValueStatusFiltersTakeTheirChineseNames: GET
// /api/v1/claims?status=已核实 was 400 naming codes only (probe s55),
// while a task's status=已退回 and doc_type=会议通知 take the words users
// read. A claim's and a value's status filter take the names the pages
// show (属实, 待审核 …) and 已核实 as their codes; an unknown one is still
// 400 on status.
func TestClaimAndValueStatusFiltersTakeTheirChineseNames(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行。")
	verified, pending := e.claim(doc), e.claim(doc)
	if resp, body := e.do(e.request("POST", "/api/v1/claims/"+verified+"/reviews", map[string]any{"verdict": "verified"}), "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("verify: %d %v", resp.StatusCode, body)
	}
	ids := func(body map[string]any, key string) []string {
		var out []string
		list, _ := body[key].([]any)
		for _, c := range list {
			out = append(out, c.(map[string]any)["id"].(string))
		}
		return out
	}
	for _, tt := range []struct{ status, want string }{
		{"已核实", verified}, {"属实", verified}, {"verified", verified}, {"待审核", pending}, {" 待审核 ", pending},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/claims?status="+url.QueryEscape(tt.status), nil), "reviewer")
		if got := ids(body, "claims"); resp.StatusCode != http.StatusOK || len(got) != 1 || got[0] != tt.want {
			t.Errorf("claims of status %q: %d %v, want %s alone", tt.status, resp.StatusCode, got, tt.want)
		}
	}
	if resp, body := e.do(e.request("GET", "/api/v1/values?status="+url.QueryEscape("与证据矛盾"), nil), "reviewer"); resp.StatusCode != http.StatusOK {
		t.Errorf("values of status 与证据矛盾: %d %v, want 200", resp.StatusCode, body)
	}
	for _, path := range []string{"/api/v1/claims?status=", "/api/v1/values?status="} {
		if resp, body := e.do(e.request("GET", path+url.QueryEscape("已索引"), nil), "reviewer"); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s已索引: %d %v, want 400", path, resp.StatusCode, body)
		}
	}
}

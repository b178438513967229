package api

import (
	"net/http"
	"testing"
)

// TestWithdrawAClaim: the coordinator withdraws a pending claim (with or
// without a reason); it leaves the pending list, shows under
// status=withdrawn with claim.withdraw in its history, and a second
// withdrawal or an edit is 409.
func TestWithdrawAClaim(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行 推进学习成果认证")
	first, second := e.claim(doc), e.claim(doc)
	resp, out := e.do(e.request("POST", "/api/v1/claims/"+first+"/withdraw", map[string]any{"reason": "重复填报"}), "coordA")
	if resp.StatusCode != http.StatusOK || out["claim"].(map[string]any)["status"] != "withdrawn" {
		t.Fatalf("withdraw: %d %v", resp.StatusCode, out)
	}
	if resp, out := e.do(e.request("POST", "/api/v1/claims/"+second+"/withdraw", nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("withdraw without a body: %d %v", resp.StatusCode, out)
	}
	if resp, out := e.do(e.request("POST", "/api/v1/claims/"+first+"/withdraw", nil), "coordA"); resp.StatusCode != http.StatusConflict {
		t.Errorf("withdrawing twice: %d %v", resp.StatusCode, out)
	}
	if resp, out := e.do(e.request("PATCH", "/api/v1/claims/"+first, map[string]any{"statement": "改"}), "coordA"); resp.StatusCode != http.StatusConflict {
		t.Errorf("editing a withdrawn claim: %d %v", resp.StatusCode, out)
	}
	if resp, out := e.do(e.request("POST", "/api/v1/claims/"+first+"/withdraw", `{"why":"x"}`), "coordA"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown field: %d %v", resp.StatusCode, out)
	}
	count := func(query string) int {
		resp, out := e.do(e.request("GET", "/api/v1/claims"+query, nil), "reviewer")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("list %s: %d %v", query, resp.StatusCode, out)
		}
		list, _ := out["claims"].([]any)
		return len(list)
	}
	if n := count("?status=pending"); n != 0 {
		t.Errorf("%d pending claims, want 0", n)
	}
	if n := count("?status=withdrawn"); n != 2 {
		t.Errorf("%d withdrawn claims, want 2", n)
	}
	_, view := e.do(e.request("GET", "/api/v1/claims/"+first, nil), "coordA")
	found := false
	for _, ev := range view["history"].([]any) {
		found = found || ev.(map[string]any)["action"] == "claim.withdraw"
	}
	if !found {
		t.Errorf("no claim.withdraw in the history: %v", view["history"])
	}
}

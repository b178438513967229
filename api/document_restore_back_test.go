package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestRestoreGivesBackTheVerdictsTheDeleteCleared: 杭州's statistics are
// cited by two claims and a value, all reviewed; an admin deletes them,
// which clears the three verdicts. A reviewer then finds one claim 证据不足
// while its source is deleted. Restored by the coordinator, the untouched
// claim and the value are 属实 again; the claim reviewed since keeps its
// new verdict, and the answer names it as kept and says so.
func TestRestoreGivesBackTheVerdictsTheDeleteCleared(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "杭州市学分银行建设情况.txt", restoreText+numbersText)
	untouched, reviewedSince, value := e.claim(doc), e.claim(doc), e.value(doc)
	review := func(path, body string) {
		t.Helper()
		if resp, answer := e.do(e.request("POST", path, body), "reviewer"); resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s %s: %d %v", path, body, resp.StatusCode, answer)
		}
	}
	review("/api/v1/claims/"+untouched+"/reviews", `{"verdict":"verified"}`)
	review("/api/v1/claims/"+reviewedSince+"/reviews", `{"verdict":"contradicted","comment":"原文只说试点区"}`)
	review("/api/v1/values/"+value+"/reviews", `{"verdict":"verified"}`)
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+doc, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	review("/api/v1/claims/"+reviewedSince+"/reviews", `{"verdict":"insufficient","comment":"出处已删除，证据不足"}`)

	resp, body := e.do(e.request("POST", "/api/v1/documents/"+doc+"/restore", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("restore: %d %v", resp.StatusCode, body)
	}
	givenBack := body["given_back"].(map[string]any)
	if got, want := fmt.Sprint(givenBack["claims"]), fmt.Sprintf("map[%s:verified]", untouched); got != want {
		t.Errorf("given back claims %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(givenBack["values"]), fmt.Sprintf("map[%s:verified]", value); got != want {
		t.Errorf("given back values %s, want %s", got, want)
	}
	kept := body["kept"].(map[string]any)
	if got, want := fmt.Sprint(kept["claims"]), "["+reviewedSince+"]"; got != want {
		t.Errorf("kept claims %s, want %s", got, want)
	}
	if msg, _ := body["message"].(string); !strings.Contains(msg, "有 1 项在删除后已被修改、重新审核或重新提交，未恢复") {
		t.Errorf("the restore's message %q, want it to say 1 item was not given back", msg)
	}
	for claim, want := range map[string]string{untouched: "verified", reviewedSince: "insufficient"} {
		resp, body := e.do(e.request("GET", "/api/v1/claims/"+claim, nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("claim %s: %d %v", claim, resp.StatusCode, body)
		}
		if got := body["claim"].(map[string]any)["status"]; got != want {
			t.Errorf("claim %s after the restore: %v, want %s", claim, got, want)
		}
	}
}

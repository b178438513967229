package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestClaimSavedUnchangedKeepsItsVerdict: a PATCH with the very statement
// and citations a verified claim has answered 200 and put it back to
// pending, after which its coordinator could withdraw it (probe s39
// finding 1). It is now no change: the claim keeps its verdict and its
// ETag, and a verified claim still cannot be withdrawn.
func TestClaimSavedUnchangedKeepsItsVerdict(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "条例.txt", "杭州市颁布实施《杭州市终身学习促进条例》，自2018年1月1日起施行。")
	cits := []map[string]any{{"document_id": doc, "page": 1, "quote": "杭州市颁布实施《杭州市终身学习促进条例》"}}
	id := e.createClaim("coordA", map[string]any{"indicator": "1.1.2", "statement": "杭州市颁布实施终身学习促进条例", "citations": cits})
	if resp, body := e.do(e.request("POST", "/api/v1/claims/"+id+"/reviews", map[string]any{"verdict": "verified"}), "reviewer"); resp.StatusCode != 201 {
		t.Fatalf("verdict: %d %v", resp.StatusCode, body)
	}
	before, _ := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "coordA")
	for name, body := range map[string]map[string]any{
		"the statement alone":                  {"statement": "杭州市颁布实施终身学习促进条例"},
		"the statement with spaces around":     {"statement": "  杭州市颁布实施终身学习促进条例\n"},
		"the statement and the same citations": {"statement": "杭州市颁布实施终身学习促进条例", "citations": cits},
	} {
		resp, out := e.do(e.request("PATCH", "/api/v1/claims/"+id, body), "coordA")
		if resp.StatusCode != 200 || out["unchanged"] != true {
			t.Errorf("PATCH %s: %d %v, want 200 and unchanged", name, resp.StatusCode, out)
			continue
		}
		if got := out["claim"].(map[string]any)["status"]; got != "verified" {
			t.Errorf("PATCH %s: status %v, want verified kept", name, got)
		}
		if etag := resp.Header.Get("ETag"); etag != before.Header.Get("ETag") {
			t.Errorf("PATCH %s: ETag %s, want %s unchanged", name, etag, before.Header.Get("ETag"))
		}
	}
	if got := claimStatus(t, e, id); got != "verified" {
		t.Errorf("after the unchanged saves: %s, want verified", got)
	}
	resp, body := e.do(e.request("POST", "/api/v1/claims/"+id+"/withdraw", nil), "coordA")
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("withdrawing the verified claim: %d %v, want 409", resp.StatusCode, body)
	}
	_, view := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "coordA")
	for _, h := range view["history"].([]any) {
		if a := h.(map[string]any)["action"]; a == "claim.edit" {
			t.Errorf("history holds %v after saves that changed nothing", h)
		}
	}

	// A real change still sends the claim back to review.
	resp, body = e.do(e.request("PATCH", "/api/v1/claims/"+id, map[string]any{"statement": "杭州市于2018年施行终身学习促进条例"}), "coordA")
	if resp.StatusCode != 200 || body["unchanged"] != nil || body["claim"].(map[string]any)["status"] != "pending" {
		t.Errorf("PATCH a changed statement: %d %v, want 200, pending", resp.StatusCode, body)
	}
}

// TestVerdictRevisedOverHTTP: a second verdict was 409 with no way for
// a reviewer to correct theirs (probe s39 finding 2). revise: true
// corrects it, with a comment, by a reviewer of the city or an admin.
func TestVerdictRevisedOverHTTP(t *testing.T) {
	e := newEnv(t)
	e.tokens["reviewerB"] = e.te.AddReviewer("reviewerB", cityB)
	doc := e.upload(cityA, "社区学校.txt", "全市建成社区学校120所，覆盖全部街道。")
	id := e.createClaim("coordA", map[string]any{"indicator": "1.1.2", "statement": "全市建成社区学校1200所",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "全市建成社区学校120所"}}})
	post := func(role string, body map[string]any) (int, string) {
		resp, out := e.do(e.request("POST", "/api/v1/claims/"+id+"/reviews", body), role)
		errBody, _ := out["error"].(map[string]any)
		msg, _ := errBody["message"].(string)
		return resp.StatusCode, msg
	}
	// 1200所 is in no quote: 属实 needs a reason (probe s41 finding 2).
	if code, msg := post("reviewer", map[string]any{"verdict": "verified", "comment": "已核对统计台账"}); code != 201 {
		t.Fatalf("first verdict: %d %s", code, msg)
	}
	if code, msg := post("reviewer", map[string]any{"verdict": "contradicted", "comment": "原文为120所"}); code != 409 || !strings.Contains(msg, "改判") {
		t.Errorf("a second verdict without revise: %d %q, want 409 pointing to 改判", code, msg)
	}
	revision := map[string]any{"verdict": "contradicted", "comment": "原文为120所，误读一位", "revise": true}
	for _, tt := range []struct {
		role string
		body map[string]any
		code int
	}{
		{"coordA", revision, 403},
		{"contribA", revision, 403},
		{"reviewerB", revision, 404}, // another city's claim is none to them
		{"reviewer", map[string]any{"verdict": "contradicted", "comment": "  ", "revise": true}, 400},
	} {
		if code, msg := post(tt.role, tt.body); code != tt.code {
			t.Errorf("revision by %s %v: %d %q, want %d", tt.role, tt.body, code, msg, tt.code)
		}
	}
	if got := claimStatus(t, e, id); got != "verified" {
		t.Fatalf("after the refused revisions: %s, want verified", got)
	}
	resp, out := e.do(e.request("POST", "/api/v1/claims/"+id+"/reviews", revision), "reviewer")
	if rv, _ := out["review"].(map[string]any); resp.StatusCode != 201 || rv["verdict"] != "contradicted" || rv["revises"] != "verified" {
		t.Fatalf("revision: %d %v, want 201 contradicted revising verified", resp.StatusCode, out)
	}
	if got := claimStatus(t, e, id); got != "contradicted" {
		t.Errorf("after the revision: %s, want contradicted", got)
	}
	_, view := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "admin")
	var revised map[string]any
	for _, h := range view["history"].([]any) {
		if h := h.(map[string]any); h["action"] == "claim.revise" {
			revised = h["detail"].(map[string]any)
		}
	}
	if revised["previous"] != "verified" || revised["verdict"] != "contradicted" || revised["comment"] != "原文为120所，误读一位" {
		t.Errorf("history's revision %v, want verified → contradicted with its comment", revised)
	}
	// A revision of the verdict its reviewer saw (previous) is refused
	// once another changed it meanwhile, nothing saved.
	stale := map[string]any{"verdict": "insufficient", "comment": "请补充社区学校名单", "revise": true, "previous": "verified"}
	if code, msg := post("admin", stale); code != 409 || !strings.Contains(msg, "已被他人改为“与证据矛盾”") {
		t.Errorf("a revision of a verdict changed meanwhile: %d %q, want 409 naming the verdict it has now", code, msg)
	}
	if got := claimStatus(t, e, id); got != "contradicted" {
		t.Errorf("after the stale revision: %s, want contradicted", got)
	}
	// An admin may revise too, of the verdict it has.
	stale["previous"] = "contradicted"
	if code, msg := post("admin", stale); code != 201 {
		t.Errorf("admin's revision: %d %s", code, msg)
	}
}

// TestValueVerdictRevisedOverHTTP: a value's verdict had the claims'
// restriction; it is revised alike.
func TestValueVerdictRevisedOverHTTP(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "num.txt", numbersText)
	resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": 2017, "indicator": "2.3.3", "value": "12.3万", "unit": "人",
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "存入学分银行的社会培训成果12.3万人"}}), "coordA")
	if resp.StatusCode != 201 {
		t.Fatalf("POST value: %d %v", resp.StatusCode, body)
	}
	id := body["value"].(map[string]any)["id"].(string)
	post := func(role string, body map[string]any) int {
		resp, _ := e.do(e.request("POST", "/api/v1/values/"+id+"/reviews", body), role)
		return resp.StatusCode
	}
	if code := post("reviewer", map[string]any{"verdict": "insufficient", "comment": "需补充统计台账"}); code != 201 {
		t.Fatalf("first verdict: %d", code)
	}
	for _, tt := range []struct {
		role string
		body map[string]any
		code int
	}{
		{"reviewer", map[string]any{"verdict": "verified"}, 409},
		{"coordA", map[string]any{"verdict": "verified", "comment": "台账已补", "revise": true}, 403},
		{"reviewer", map[string]any{"verdict": "verified", "revise": true}, 400},
		{"reviewer", map[string]any{"verdict": "verified", "comment": "台账见第2页", "revise": true}, 201},
	} {
		if code := post(tt.role, tt.body); code != tt.code {
			t.Errorf("value review by %s %v: %d, want %d", tt.role, tt.body, code, tt.code)
		}
	}
	_, view := e.do(e.request("GET", "/api/v1/values/"+id, nil), "reviewer")
	if got := view["value"].(map[string]any)["status"]; got != "verified" {
		t.Errorf("the value after its revision: %v, want verified", got)
	}
}

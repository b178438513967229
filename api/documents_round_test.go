package api

import (
	"net/http"
	"testing"
)

// TestDocumentsOfARoundIncludeThoseLinkedForIt: GET /api/v1/documents
// ?round=2018 lists every document that counts in 2018, a 2017 policy
// linked for 2018 included, as the heat map counts it; a 2017 document
// not linked for 2018 is not listed, and 2017 still lists both.
func TestDocumentsOfARoundIncludeThoseLinkedForIt(t *testing.T) {
	e := newEnv(t)
	policy := e.upload(cityA, "学分银行实施意见.txt", "杭州市人民政府关于推进学分银行建设的实施意见。")
	other := e.upload(cityA, "社区教育总结.txt", "杭州市二〇一七年社区教育工作总结。")
	resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": policy, "indicator": "2.3.1", "round": 2018}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("linking for 2018: %d %v", resp.StatusCode, body)
	}
	listed := func(round string) map[string]bool {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/documents?city="+cityA+"&round="+round, nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("documents of %s: %d %v", round, resp.StatusCode, body)
		}
		out := map[string]bool{}
		for _, d := range body["documents"].([]any) {
			out[d.(map[string]any)["id"].(string)] = true
		}
		if total := body["total"]; total != nil && total != float64(len(out)) {
			t.Errorf("documents of %s: total %v, %d listed", round, total, len(out))
		}
		return out
	}
	if got := listed("2018"); !got[policy] || got[other] || len(got) != 1 {
		t.Errorf("documents of 2018: %v, want only the policy linked for 2018 (%s)", got, policy)
	}
	if got := listed("2017"); !got[policy] || !got[other] {
		t.Errorf("documents of 2017: %v, want both", got)
	}
}

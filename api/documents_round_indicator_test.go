package api

import (
	"net/http"
	"testing"
)

// TestDocumentsOfARoundAndIndicatorAskOneLink: a 2017 policy linked to
// 2.3.2 (counting in 2017) and to 2.3.1 for 2018 is listed by
// ?round=2018&indicator=2.3.1 and ?round=2017&indicator=2.3.2, never by
// ?round=2018&indicator=2.3.2: its link to 2.3.2 does not count in 2018.
func TestDocumentsOfARoundAndIndicatorAskOneLink(t *testing.T) {
	e := newEnv(t)
	policy := e.upload(cityA, "学分银行实施意见.txt", "杭州市人民政府关于推进学分银行建设的实施意见。")
	e.linkFor(policy, 0)
	resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": policy, "indicator": "2.3.1", "round": 2018}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("linking for 2018: %d %v", resp.StatusCode, body)
	}
	for _, c := range []struct {
		round, indicator string
		want             bool
	}{{"2018", "2.3.1", true}, {"2017", "2.3.2", true}, {"2018", "2.3.2", false}, {"2017", "2.3.1", false}} {
		resp, body := e.do(e.request("GET", "/api/v1/documents?city="+cityA+"&round="+c.round+"&indicator="+c.indicator, nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("documents of %s and %s: %d %v", c.round, c.indicator, resp.StatusCode, body)
		}
		docs := body["documents"].([]any)
		if got := len(docs) == 1 && docs[0].(map[string]any)["id"] == policy; got != c.want || (!c.want && len(docs) != 0) {
			t.Errorf("documents of %s and %s: %v, want the policy listed: %v", c.round, c.indicator, docs, c.want)
		}
		if total := body["total"]; total != nil && total != float64(len(docs)) {
			t.Errorf("documents of %s and %s: total %v, %d listed", c.round, c.indicator, total, len(docs))
		}
	}
}

package api

import (
	"context"
	"testing"
)

// TestClaimJSONSaysItsQuoteIsToCheckAgain: looking again for the quote
// of a claim in its text read anew failed; the claim's JSON gives why on
// its citation (recheck_error), beside the old text's mark, and says
// nothing of the kind on a claim whose quote was looked for.
func TestClaimJSONSaysItsQuoteIsToCheckAgain(t *testing.T) {
	e := newEnv(t)
	plan := e.upload(cityA, "学分银行建设方案.txt", "杭州市建立学分银行，推进学分认定。")
	id := e.claim(plan)
	citation := func() map[string]any {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "coordA")
		c, _ := body["claim"].(map[string]any)
		if resp.StatusCode != 200 || c == nil {
			t.Fatalf("claim %s: %d %v", id, resp.StatusCode, body)
		}
		return c["citations"].([]any)[0].(map[string]any)
	}
	if cit := citation(); cit["recheck_error"] != nil {
		t.Errorf("a claim whose quote was looked for says recheck_error %v", cit["recheck_error"])
	}
	reason, reasonEN := "文字存储暂时无法读取，请稍后再试", "The text store cannot be read just now; try again later"
	if _, err := e.te.Catalog.MarkQuotesToRecheck(context.Background(), e.mustDoc(plan).SHA256, reason, reasonEN); err != nil {
		t.Fatal(err)
	}
	if cit := citation(); cit["recheck_error"] != reason || cit["recheck_error_en"] != reasonEN || cit["quote_found"] != true {
		t.Errorf("after a failed look: recheck_error %v, recheck_error_en %v, quote_found %v; want %q and %q beside the old mark",
			cit["recheck_error"], cit["recheck_error_en"], cit["quote_found"], reason, reasonEN)
	}
}

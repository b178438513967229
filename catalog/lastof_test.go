package catalog

import "testing"

// TestLastOf: the latest review of each claim or value is its last (the
// lists come oldest first); one without a review is absent. Claims and
// values both read their verdicts with it.
func TestLastOf(t *testing.T) {
	got := LastOf(map[string][]Review{
		"c1": {{Verdict: ClaimInsufficient, Comment: "需要正式文件证明覆盖全市"}, {Verdict: ClaimVerified}},
		"c2": {{Verdict: ClaimContradicted, Comment: "来源写的是88.1%"}},
		"c3": {},
	})
	if len(got) != 2 || got["c1"].Verdict != ClaimVerified || got["c2"].Comment != "来源写的是88.1%" {
		t.Errorf("LastOf: %v, want c1 verified and c2's 与证据矛盾 with its reason", got)
	}
	if _, ok := got["c3"]; ok {
		t.Errorf("c3 has no review, yet LastOf gives it one")
	}
}

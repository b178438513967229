package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestVerifiedOverAMissingNumberNeedsAReasonOnTheClaimForm: a reviewer's
// 属实 on a 定性描述 whose number its cited passage does not write (150所
// against 全市建成社区学校120所) was saved at once from the claim page's
// form (probe s41 finding 2). Sent without 审核意见 the form comes back
// with the refusal naming the number and nothing saved; with a reason
// the verdict is saved and the reason shown on the claim page; in
// English alike.
func TestVerifiedOverAMissingNumberNeedsAReasonOnTheClaimForm(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "社区学校建设情况.txt", "全市建成社区学校120所，覆盖全部街道。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	claim := func() string {
		t.Helper()
		c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "2.3.1", Statement: "我市建成社区学校150所，覆盖全部街道",
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "全市建成社区学校120所"}}})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	for _, tt := range []struct {
		lang, refusal, reason, shown string
	}{
		{"zh", "定性描述中有 1 个数字未在引文中找到\uFF1A150所\uFF1B判为属实时请在审核意见中写明依据",
			"已核对统计台账，全市社区学校为150所", "已核对统计台账\uFF0C全市社区学校为150所"},
		{"en", "1 number of the claim is not in its quotes: 150所; to verify it, say in the comment on what grounds",
			"已核对统计台账，全市社区学校为150所", "已核对统计台账\uFF0C全市社区学校为150所"},
	} {
		id := claim()
		li := s.login("li")
		if tt.lang == "en" {
			li.english()
		}
		resp, page := li.post("/claims/"+id+"/review", url.Values{"verdict": {"verified"}, "comment": {"  "}})
		if text := textOf(page); resp.StatusCode != http.StatusBadRequest || !strings.Contains(text, tt.refusal) {
			t.Errorf("%s: 属实 without a reason: %d, want 400 with %q: %.1500s", tt.lang, resp.StatusCode, tt.refusal, text)
		}
		if got := s.claimStatus(id); got != catalog.ClaimPending {
			t.Errorf("%s: after the refused 属实 the claim is %s, want pending (nothing saved)", tt.lang, got)
		}
		resp, page = li.post("/claims/"+id+"/review", url.Values{"verdict": {"verified"}, "comment": {tt.reason}})
		if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/claims/"+id {
			t.Fatalf("%s: 属实 with a reason: %d at %s: %.1500s", tt.lang, resp.StatusCode, resp.Request.URL, textOf(page))
		}
		if got := s.claimStatus(id); got != catalog.ClaimVerified {
			t.Errorf("%s: after 属实 with a reason the claim is %s, want verified", tt.lang, got)
		}
		if text := textOf(page); !strings.Contains(text, tt.shown) {
			t.Errorf("%s: the claim page after 属实 lacks the reason %q: %.2000s", tt.lang, tt.shown, text)
		}
	}
}

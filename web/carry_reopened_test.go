package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestCarryOverPageShowsVerdictOfReopenedClaim: 杭州's 2017 claim found
// 证据不足, then sent back to 待审核 when a document it cites was
// deleted, is carried into 2018: 结转事项核对 shows 上轮审核结论 证据不足
// with the reviewer's reason and says it was reopened since, not 待审核
// as if nobody had reviewed it; in English too.
func TestCarryOverPageShowsVerdictOfReopenedClaim(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	policy := s.env.Upload("330100", "xuefen.txt", "杭州市建立学分银行，推进学习成果认证。")
	summary := s.env.Upload("330100", "zongjie.txt", "2017年学分银行开户学习者达到2万人。")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{City: "330100", Round: 2017, Indicator: "2.3.1",
		Statement: "杭州市建立了学分银行", Citations: []claims.CitationInput{
			{DocumentID: policy.ID, Page: 1, Quote: "杭州市建立学分银行"}, {DocumentID: summary.ID, Page: 1, Quote: "学分银行开户学习者达到2万人"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, reviewer, c.ID, "insufficient", "缺少学分银行管理办法"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Documents.Delete(ctx, admin, summary.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.env.Catalog.Claim(ctx, c.ID); got == nil || got.Status != catalog.ClaimPending {
		t.Fatalf("the claim after its cited document was deleted: %+v, want reopened (pending)", got)
	}
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, it := range items {
		if it.Kind == catalog.CarryClaim && it.SourceID == c.ID {
			id = it.ID
		}
	}
	if id == "" {
		t.Fatalf("the claim was not carried into 2018: %+v", items)
	}
	cell := func(page string) string {
		row := regexp.MustCompile(`(?s)<tr data-id="` + id + `".*?</tr>`).FindString(page)
		return regexp.MustCompile(`(?s)<td class="verdict"[^>]*>.*?</td>`).FindString(row)
	}
	for _, tc := range []struct {
		lang    string
		want    []string
		notWant string
	}{
		{"zh", []string{"证据不足", "审核意见：缺少学分银行管理办法", "（审核后已重新打开，待重新审核）"}, "待审核<"},
		{"en", []string{"Insufficient evidence", "(reopened since; to be reviewed again)"}, "Pending review"},
	} {
		wang := s.login("wang")
		if tc.lang == "en" {
			wang.english()
		}
		_, page := wang.get("/carryovers?city=330100&round=2018")
		got := cell(page)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the 上轮审核结论 of the reopened claim lacks %q: %q", tc.lang, w, textOf(got))
			}
		}
		if strings.Contains(got, tc.notWant) {
			t.Errorf("%s: the reopened claim's verdict reads %q: %q", tc.lang, tc.notWant, textOf(got))
		}
	}
}

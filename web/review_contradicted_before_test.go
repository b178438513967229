package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestReviewQueueTellsAClaimWasContradictedLastRound: 杭州's 2017 claim
// found 与证据矛盾 is carried into 2018 and confirmed; in the reviewer's
// queue its 2018 copy is 待审核 and marked 上一轮（2017年度）：与证据矛盾
// (in English too); a claim verified in 2017 and carried alike is not.
func TestReviewQueueTellsAClaimWasContradictedLastRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	d := s.env.Upload("330100", "xuefen.txt", "杭州市学分银行累计开户学习者12000人。")
	testenv.CarryContradicted(t, s.env.Claims, s.env.Values, coord, admin, "330100", d.ID)
	items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if _, err := s.env.Values.DecideChecked(ctx, coord, it.ID, "confirm", true); err != nil {
			t.Fatal(err)
		}
	}
	row := func(page, statement string) string {
		for _, r := range regexp.MustCompile(`(?s)<article class="card claim-row">.*?</article>`).FindAllString(page, -1) {
			if strings.Contains(r, "<p>"+statement+"</p>") {
				return r
			}
		}
		return ""
	}
	li := s.login("li")
	_, page := li.get("/review?status=pending")
	if r := row(page, "学分银行开户学习者达到2万人"); !strings.Contains(r, "上一轮（2017年度）：与证据矛盾") {
		t.Errorf("queue row of the claim contradicted in 2017: %q, want 上一轮（2017年度）：与证据矛盾", textOf(r))
	}
	if r := row(page, "学分银行开户学习者达到1.2万人"); r == "" || strings.Contains(r, "上一轮") {
		t.Errorf("queue row of the claim verified in 2017: %q, want no mark", textOf(r))
	}
	li.english()
	_, page = li.get("/review?status=pending")
	if r := row(page, "学分银行开户学习者达到2万人"); !strings.Contains(r, "Round 2017 (the last): contradicted by evidence") {
		t.Errorf("English queue row: %q, want Round 2017 (the last): contradicted by evidence", textOf(r))
	}
}

package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestInsufficientVerdictShowsWhereTheCoordinatorLooks: a reviewer finds
// 杭州's claim on 2.3.1 证据不足 with a reason. The heat map says 证据不足
// (not ◆ 已提交定性描述), /compare says 证据不足 (not 有证据), and the
// indicator's page lists the claim with its verdict and the reason.
func TestInsufficientVerdictShowsWhereTheCoordinatorLooks(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "2.3.1", Statement: "杭州市已建成覆盖全市的学分银行",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, c.ID, "insufficient", "需要正式文件证明覆盖全市"); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	_, body := b.get("/indicators?round=2018")
	m := regexp.MustCompile(`href="/indicators/2\.3\.1\?city=330100" aria-label="([^"]*)"`).FindStringSubmatch(body)
	if m == nil || html.UnescapeString(m[1]) != "2.3.1 杭州\uFF1A证据不足" {
		t.Errorf("heat-map cell of 杭州 2.3.1: %q, want 2.3.1 杭州：证据不足", m)
	}
	_, page := b.get("/compare?city=330100&rounds=2018")
	row := regexp.MustCompile(`(?s)<tr data-code="2\.3\.1">.*?</tr>`).FindString(page)
	if !strings.Contains(row, `class="status-insufficient"`) || strings.Count(row, "证据不足") != 1 || strings.Contains(row, "有证据") {
		t.Errorf("2.3.1 on /compare: %q, want status-insufficient saying 证据不足 once", textOf(row))
	}
	_, page = b.get("/indicators/2.3.1?city=330100")
	claimsPart := regexp.MustCompile(`(?s)<section class="card claims".*?</section>`).FindString(page)
	for _, want := range []string{"杭州市已建成覆盖全市的学分银行", "证据不足", "审核意见\uFF1A需要正式文件证明覆盖全市", `href="/claims/` + c.ID + `"`} {
		if !strings.Contains(claimsPart, want) {
			t.Errorf("/indicators/2.3.1 claims lack %q: %q", want, textOf(claimsPart))
		}
	}
}

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
	m := regexp.MustCompile(`href="/indicators/2\.3\.1\?city=330100(?:&amp;round=\d+)?" aria-label="([^"]*)"`).FindStringSubmatch(body)
	if m == nil || html.UnescapeString(m[1]) != "2.3.1 杭州\uFF1A证据不足" {
		t.Errorf("heat-map cell of 杭州 2.3.1: %q, want 2.3.1 杭州：证据不足", m)
	}
	if !strings.Contains(body, `href="/indicators/2.3.1?city=330100&amp;round=2018"`) {
		t.Errorf("the heat map of 2018 links its cell without the round: the indicator page would show the current round")
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

// TestIndicatorPageClaimsKeepToTheCity: 成都's claim on 2.3.1, sent back
// 证据不足 with a reason, is not on 杭州's coordinator's indicator page,
// with no city or with ?city=510100 asked for; an expert sees both
// cities' claims and reasons.
func TestIndicatorPageClaimsKeepToTheCity(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUser("chen", "coordinator", "510100")
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	add := func(u *catalog.User, city, statement, reason string) {
		t.Helper()
		doc := s.env.Upload(city, "学分银行.txt", statement+"。")
		c, err := s.env.Claims.Create(ctx, u, claims.Input{Round: 2018, Indicator: "2.3.1", Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: statement}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.env.Claims.Review(ctx, li, c.ID, "insufficient", reason); err != nil {
			t.Fatal(err)
		}
	}
	add(&catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}, "330100", "杭州市已建成覆盖全市的学分银行", "需要正式文件证明覆盖全市")
	add(&catalog.User{Username: "chen", Role: catalog.RoleCoordinator, City: "510100"}, "510100", "成都市已建成社区学分银行", "请补充成都市学分银行的运行记录")
	claimsOf := func(b *browser, path string) string {
		t.Helper()
		_, page := b.get(path)
		return regexp.MustCompile(`(?s)<section class="card claims".*?</section>`).FindString(page)
	}
	wang := s.login("wang")
	for _, path := range []string{"/indicators/2.3.1", "/indicators/2.3.1?city=510100"} {
		part := claimsOf(wang, path)
		for _, hidden := range []string{"成都市已建成社区学分银行", "请补充成都市学分银行的运行记录"} {
			if strings.Contains(part, hidden) {
				t.Errorf("wang (杭州) on %s sees 成都's %q: %q", path, hidden, textOf(part))
			}
		}
	}
	part := claimsOf(s.login("zhou"), "/indicators/2.3.1")
	for _, want := range []string{"杭州市已建成覆盖全市的学分银行", "需要正式文件证明覆盖全市", "成都市已建成社区学分银行", "请补充成都市学分银行的运行记录"} {
		if !strings.Contains(part, want) {
			t.Errorf("zhou (expert) on /indicators/2.3.1 lacks %q: %q", want, textOf(part))
		}
	}
}

// TestIndicatorPageReadsTheRoundAskedFor: /indicators/2.3.1?round=2017
// lists 2017's claims, not the current round's; with no round it lists
// the current round's.
func TestIndicatorPageReadsTheRoundAskedFor(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	for round, statement := range map[int]string{2017: "杭州市2017年启动学分银行建设", 2018: "杭州市已建成覆盖全市的学分银行"} {
		if _, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: round, Indicator: "2.3.1", Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
			t.Fatal(err)
		}
	}
	b := s.login("wang")
	for path, want := range map[string][2]string{
		"/indicators/2.3.1?city=330100&round=2017": {"杭州市2017年启动学分银行建设", "杭州市已建成覆盖全市的学分银行"},
		"/indicators/2.3.1?city=330100":            {"杭州市已建成覆盖全市的学分银行", "杭州市2017年启动学分银行建设"},
	} {
		_, page := b.get(path)
		part := regexp.MustCompile(`(?s)<section class="card claims".*?</section>`).FindString(page)
		if !strings.Contains(part, want[0]) || strings.Contains(part, want[1]) {
			t.Errorf("%s: %q, want %s and not %s", path, textOf(part), want[0], want[1])
		}
	}
}

package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestVerdictStaysBesideACarriedLink: 杭州's 2018 claim on 2.3.1 is sent
// back 证据不足, then a 2017 link to 2.3.1 is carried into 2018 (待确认).
// The heat map's cell stays △ 证据不足 with ↻ beside it ("证据不足 · 待确认"),
// and /compare says 证据不足 with a ↻ 待确认 badge (the probe saw only 待确认).
func TestVerdictStaysBesideACarriedLink(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	old := s.env.Upload("330100", "学分银行方案.txt", "杭州市建立学分银行，开展学习成果认证。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: old.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	news := s.env.Upload("330100", "学分银行新闻.txt", "杭州市学分银行已上线，市民可查询学分。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "2.3.1", Statement: "杭州市已建成学分银行",
		Citations: []claims.CitationInput{{DocumentID: news.ID, Page: 1, Quote: "杭州市学分银行已上线"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, c.ID, "insufficient", "需要学分银行管理办法原件"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, testenv.Admin, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	_, body := b.get("/indicators?round=2018")
	m := regexp.MustCompile(`href="/indicators/2\.3\.1\?city=330100(?:&amp;round=\d+)?" aria-label="([^"]*)" title="[^"]*">([^<]*)</a>`).FindStringSubmatch(body)
	if m == nil || html.UnescapeString(m[1]) != "2.3.1 杭州\uFF1A证据不足 · 待确认" || m[2] != "△ ↻" {
		t.Errorf("heat-map cell of 杭州 2.3.1: %q, want 证据不足 · 待确认 shown △ ↻", m)
	}
	_, page := b.get("/compare?city=330100&rounds=2018")
	row := regexp.MustCompile(`(?s)<tr data-code="2\.3\.1">.*?</tr>`).FindString(page)
	if !strings.Contains(row, `class="status-insufficient"`) || !strings.Contains(row, "↻ 待确认") {
		t.Errorf("2.3.1 on /compare: %q, want status-insufficient with ↻ 待确认 beside it", textOf(row))
	}
}

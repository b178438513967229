package web

import (
	"context"
	"html"
	"regexp"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestHeatMapMarksAClaimWhoseNumbersAreNotInItsQuotes: 杭州's 3.1.1 has a
// pending 定性描述 saying 参与市民5万人次 where its quote writes 3.2万人次;
// the heat map marks the cell ？ with the words a value's not found gets
// (数值未在引文中找到), where it said ◆ 已提交定性描述. 宁波's claim, whose
// number its quote cuts before the unit (参与市民达3.2, 万人次 right after
// on the page), is found, as on the claim's page: ◆. Once reviewed, 杭州's
// claim is the verdict's.
func TestHeatMapMarksAClaimWhoseNumbersAreNotInItsQuotes(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const text = "活动周期间，全市开展各类学习活动1200余场，参与市民达3.2万人次。"
	for _, c := range []struct{ city, statement, quote string }{
		{"330100", "活动周参与市民5万人次。", "参与市民达3.2万人次"},
		{"330200", "活动周参与市民3.2万人次。", "参与市民达3.2"},
	} {
		doc := s.env.Upload(c.city, "活动周总结.txt", text)
		coord := &catalog.User{Username: "coord" + c.city, Role: catalog.RoleCoordinator, City: c.city}
		if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2018, Indicator: "3.1.1", Statement: c.statement,
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: c.quote}}}); err != nil {
			t.Fatal(err)
		}
	}
	li := s.login("li")
	cell := func(city, name string) (symbol, label string) {
		t.Helper()
		_, body := li.get("/indicators")
		m := regexp.MustCompile(`<td class="[^"]*"><a href="/indicators/3\.1\.1\?city=` + city + `&amp;round=2018" aria-label="[^"]*" title="([^"]*)">([^<]*)</a>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no heat-map cell for 3.1.1 in %s: %.300s", name, textOf(body))
		}
		return html.UnescapeString(m[2]), html.UnescapeString(m[1])
	}
	if symbol, label := cell("330100", "杭州"); symbol != "？" || label != "数值未在引文中找到" {
		t.Errorf("杭州 3.1.1: %s %q, want ？ 数值未在引文中找到", symbol, label)
	}
	if symbol, label := cell("330200", "宁波"); symbol != "◆" || label != "已提交定性描述" {
		t.Errorf("宁波 3.1.1: %s %q, want ◆ 已提交定性描述 (3.2万人次 is on the page right after the quote)", symbol, label)
	}
	pending, err := s.env.Claims.List(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, catalog.ClaimFilter{City: "330100", Status: catalog.ClaimPending})
	if err != nil || len(pending) != 1 {
		t.Fatalf("杭州's pending claims: %v %v", pending, err)
	}
	if _, err := s.env.Claims.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, pending[0].ID, "insufficient", "请补充活动周参与人数的统计台账"); err != nil {
		t.Fatal(err)
	}
	if symbol, label := cell("330100", "杭州"); symbol != "△" || label != "证据不足" {
		t.Errorf("杭州 3.1.1 reviewed: %s %q, want △ 证据不足", symbol, label)
	}
}

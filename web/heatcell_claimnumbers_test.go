package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
)

// TestHeatMapMarksAClaimWhoseNumbersAreNotInItsQuotes: 杭州's 3.1.1 has a
// pending 定性描述 saying 参与市民5万人次 where its quote writes 3.2万人次;
// the heat map marks the cell ？ 定性描述中的数字未在引文中找到 (a value's
// number not found is 数值未在引文中找到), where it said ◆ 已提交定性描述. 宁波's claim, whose
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
	if symbol, label := cell("330100", "杭州"); symbol != "？" || label != "定性描述中的数字未在引文中找到" {
		t.Errorf("杭州 3.1.1: %s %q, want ？ 定性描述中的数字未在引文中找到", symbol, label)
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

// TestHeatMapAndCompareMarkAClaimNumberFoundOnlySpaced: 杭州's pending
// 定性描述 says 1200场 where its quote writes “1 200场” (one number, or a
// table's 1 and 200: the claim's page says 请核对); the heat map marks the
// cell ？ 定性描述中的数字待核对, the matrix counts it in claims_spaced, and
// /compare says number_to_check, where all three said 有证据 (probe s29
// §4). 宁波's claim, whose 5万人次 no quote writes, is value_not_found on
// /compare as the heat map's ？ already said.
func TestHeatMapAndCompareMarkAClaimNumberFoundOnlySpaced(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const text = "2017年全市开展市民学习活动1 200场，参与市民达3.2万人次。"
	for _, c := range []struct{ city, statement, quote string }{
		{"330100", "全市开展市民学习活动1200场。", "全市开展市民学习活动1 200场"},
		{"330200", "活动周参与市民5万人次。", "参与市民达3.2万人次"},
	} {
		doc := s.env.Upload(c.city, "活动总结.txt", text)
		coord := &catalog.User{Username: "coord" + c.city, Role: catalog.RoleCoordinator, City: c.city}
		if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2018, Indicator: "3.1.1", Statement: c.statement,
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: c.quote}}}); err != nil {
			t.Fatal(err)
		}
	}
	li := s.login("li")
	_, body := li.get("/indicators")
	m := regexp.MustCompile(`<td class="[^"]*"><a href="/indicators/3\.1\.1\?city=330100&amp;round=2018" aria-label="[^"]*" title="([^"]*)">([^<]*)</a>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no heat-map cell for 杭州 3.1.1: %.300s", textOf(body))
	}
	if symbol, label := html.UnescapeString(m[2]), html.UnescapeString(m[1]); symbol != "？" || !strings.HasPrefix(label, "定性描述中的数字待核对（引文中仅见以空格分开的数字") {
		t.Errorf("杭州 3.1.1: %s %q, want ？ 定性描述中的数字待核对（…）", symbol, label)
	}
	if _, legend := li.get("/indicators"); !strings.Contains(legend, "仅见以空格分开的数字（如 1 200），待核对") {
		t.Errorf("the heat map's legend does not say what ？ means for a spaced number")
	}
	li2 := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	mx, err := s.env.Coverage.Matrix(ctx, li2, 2018, "330100")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range mx.Cities[0].Cells {
		if c.Code == "3.1.1" && (c.ClaimsSpaced != 1 || c.ClaimsNotFound != 0 || c.Status() != coverage.StatusNumberToCheck) {
			t.Errorf("杭州 3.1.1 in the matrix: claims_spaced %d, claims_not_found %d, status %s; want 1, 0, %s",
				c.ClaimsSpaced, c.ClaimsNotFound, c.Status(), coverage.StatusNumberToCheck)
		}
	}
	for city, want := range map[string]string{"330100": "status-number_to_check", "330200": "status-value_not_found"} {
		_, page := li.get("/compare?city=" + city + "&rounds=2018")
		row := regexp.MustCompile(`(?s)<tr data-code="3\.1\.1">.*?</tr>`).FindString(page)
		if !strings.Contains(row, `class="`+want+`"`) {
			t.Errorf("3.1.1 of %s on /compare: %q, want %s", city, textOf(row), want)
		}
	}
	_, page := li.get("/compare?city=330100&rounds=2018")
	if row := regexp.MustCompile(`(?s)<tr data-code="3\.1\.1">.*?</tr>`).FindString(page); !strings.Contains(row, "定性描述中的数字待核对") {
		t.Errorf("3.1.1 of 杭州 on /compare does not say why: %q", textOf(row))
	}
}

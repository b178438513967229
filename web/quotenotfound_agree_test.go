package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/report"
)

// TestHeatMapCompareAndReportAgreeOnAQuoteNotFound: 杭州's only claim
// (定性描述) of 2.3.1 quotes 年接待读者8.6万人次, which OCR read 8.6 FAK.:
// the quote is on no page of the document's text. The report said
// 引文未找到 while the heat map showed ◆ 已提交定性描述 and /compare 有证据
// (review s43 #3). Now the heat map's cell, /compare (the page and the
// status the API answers) and the report's 状态 say one state: 引文未找到,
// and once a reviewer verified the claim against the original's image,
// 已核实（引文在文字中未找到）.
func TestHeatMapCompareAndReportAgreeOnAQuoteNotFound(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "读书驿站.txt", "全区建成读书驿站，年接待读者8.6 FAK.")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "全区建成读书驿站，接待读者众多。",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "年接待读者8.6万人次"}}})
	if err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	agree := func(when, words, symbol, status string) {
		t.Helper()
		_, body := b.get("/indicators?round=2017")
		m := regexp.MustCompile(`href="/indicators/2\.3\.1\?city=330100(?:&amp;round=\d+)?" aria-label="([^"]*)" title="[^"]*">([^<]*)</a>`).FindStringSubmatch(body)
		if m == nil || html.UnescapeString(m[1]) != "2.3.1 杭州\uFF1A"+words || m[2] != symbol {
			t.Errorf("%s: heat-map cell of 杭州 2.3.1: %q, want %s shown %s", when, m, words, symbol)
		}
		_, page := b.get("/compare?city=330100&rounds=2017")
		row := regexp.MustCompile(`(?s)<tr data-code="2\.3\.1">.*?</tr>`).FindString(page)
		if !strings.Contains(row, `class="status-`+status+`"`) || !strings.Contains(textOf(row), words) {
			t.Errorf("%s: 2.3.1 on /compare: %q, want status-%s saying %s", when, textOf(row), status, words)
		}
		cmp, err := s.env.Coverage.Compare(ctx, coord, "330100", []int{2017})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range cmp.Indicators {
			if r.Code == "2.3.1" && r.Rounds[0].Status != status {
				t.Errorf("%s: 2.3.1's status in the comparison (the API's): %s, want %s", when, r.Rounds[0].Status, status)
			}
		}
		r, err := report.NewService(s.env.Catalog).Build(ctx, coord, "330100", 2017)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range r.Areas {
			for _, it := range a.Items {
				if it.Indicator.Code == "2.3.1" && it.Status != words {
					t.Errorf("%s: 2.3.1's 状态 in the report: %q, want %q", when, it.Status, words)
				}
			}
		}
	}
	agree("quote not found", "引文未找到", "◇", "quote_not_found")
	rev := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	if _, err := s.env.Claims.Give(ctx, rev, c.ID, claims.Verdict{Verdict: "verified", Comment: "已核对扫描件原图，识别有误",
		Seen: catalog.IfMatch{c.Version()}, QuoteChecked: true}); err != nil {
		t.Fatal(err)
	}
	agree("verified on the original's image", "已核实\uFF08引文在文字中未找到\uFF09", "✔※", "verified_quote_not_found")
}

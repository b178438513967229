package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestClaimNumbersMarkAlikeOnHeatMapCompareAndReport: one 定性描述 of
// 3.1.1 per city, each citing its 活动总结 on page 1, shows the same
// status on the heat map's cell, on /compare and in the report, by the one
// rule (coverage.State): a number written only spaced (1200场
// against “1 200场”) is 定性描述中的数字待核对 in the report too, where it
// said 有证据, and a number in no quote 数值未在引文中找到, as the heat map
// and /compare said; a reviewer's verdict settles either.
func TestClaimNumbersMarkAlikeOnHeatMapCompareAndReport(t *testing.T) {
	const text = "2018年全市开展市民学习活动1 200场，参与市民达3.2万人次。"
	cases := []struct {
		name, city, statement, quote, verdict string
		want, wantReport                      string
		mark                                  string // after the claim in the report, "" for none
	}{
		{"number written", "110000", "参与市民3.2万人次。", "参与市民达3.2万人次", "", catalog.IndicatorEvidence, report.Present, ""},
		{"number cut by the quote, on the page", "310000", "参与市民3.2万人次。", "参与市民达3.2", "", catalog.IndicatorEvidence, report.Present, ""},
		{"number only spaced", "330100", "全市开展市民学习活动1200场。", "全市开展市民学习活动1 200场", "", catalog.IndicatorNumberToCheck, report.NumberToCheck, "（定性描述中的数字待核对：引文中仅见以空格分开的数字）"},
		{"number in no quote", "510100", "参与市民5万人次。", "参与市民达3.2万人次", "", catalog.IndicatorValueNotFound, report.ValueNotFound, "（定性描述中的数字未在引文中找到）"},
		{"both: the number in no quote first", "420100", "开展活动1200场，参与市民5万人次。", "全市开展市民学习活动1 200场，参与市民达3.2万人次", "", catalog.IndicatorValueNotFound, report.ValueNotFound, "（定性描述中的数字未在引文中找到）"},
		{"only spaced, verified", "430100", "全市开展市民学习活动1200场。", "全市开展市民学习活动1 200场", "verified", catalog.IndicatorVerified, report.Verified, ""},
		{"in no quote, sent back", "330200", "参与市民5万人次。", "参与市民达3.2万人次", "insufficient", catalog.IndicatorInsufficient, report.Insufficient, ""},
	}
	e := testenv.New(t)
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	for _, c := range cases {
		d := e.Upload(c.city, "活动总结.txt", text)
		coord := &catalog.User{Username: "coord" + c.city, Role: catalog.RoleCoordinator, City: c.city}
		cl, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2018, Indicator: "3.1.1", Statement: c.statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: c.quote}}})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.verdict != "" {
			if _, err := e.Claims.Review(ctx, reviewer, cl.ID, c.verdict, "已核对活动台账"); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
	}
	reports := e.Services(nil).Reports
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var heat string
			mx, err := e.Coverage.Matrix(ctx, testenv.Admin, 2018, c.city)
			if err != nil {
				t.Fatal(err)
			}
			for _, cell := range mx.Cities[0].Cells {
				if cell.Code == "3.1.1" {
					heat = cell.Status()
				}
			}
			var compared string
			cmp, err := e.Coverage.Compare(ctx, testenv.Admin, c.city, []int{2018})
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range cmp.Indicators {
				if row.Code == "3.1.1" {
					compared = row.Rounds[0].Status
				}
			}
			var reported string
			r, err := reports.Build(ctx, testenv.Admin, c.city, 2018)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range r.Areas {
				for _, it := range a.Items {
					if it.Indicator.Code == "3.1.1" {
						reported = it.Status
					}
				}
			}
			row := strings.Join(padded(t, r)["3.1.1"], "|")
			if c.mark != "" && !strings.Contains(row, c.statement+"【待审核】"+c.mark) {
				t.Errorf("%s: the report's 3.1.1 row %q, want the claim marked %s after its verdict", c.city, row, c.mark)
			}
			if c.mark == "" && strings.Contains(row, "定性描述中的数字") {
				t.Errorf("%s: the report's 3.1.1 row %q marks the claim's numbers, want no mark", c.city, row)
			}
			if c.want == catalog.IndicatorNumberToCheck {
				r.Lang = report.English
				en := strings.Join(padded(t, r)["3.1.1"], "|")
				if !strings.Contains(en, "A claim's number to check") || !strings.Contains(en, "(a number of the claim to check: its quote writes it only as digits parted by a space)") {
					t.Errorf("%s: the English report's 3.1.1 row %q, want its status and the claim's mark in English", c.city, en)
				}
			}
			if heat != c.want || compared != c.want || reported != c.wantReport {
				t.Errorf("%s «%s» quoting «%s»: heat map %q, /compare %q, report %q; want %q, %q, %q",
					c.city, c.statement, c.quote, heat, compared, reported, c.want, c.want, c.wantReport)
			}
		})
	}
}

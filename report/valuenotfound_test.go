package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportSaysANumberNotInItsQuote: 杭州 reports 2.3.3 as 12000人
// quoting 上城区 45 3200 of its 学分银行台账, which has no such number. The
// report's status is 数值未在引文中找到 ("Number not found in its quote"),
// as /compare, the heat map and `evidence coverage` say it, not 有证据
// (review pfix #5); once a reviewer judges it, the verdict is the state.
func TestReportSaysANumberNotInItsQuote(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行台账.txt", "学分银行台账：上城区 45 3200，西湖区 38 2900。")
	v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("12000"),
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "上城区 45 3200"}})
	if err != nil {
		t.Fatal(err)
	}
	if v.ValueFound || !v.Citation.QuoteFound {
		t.Fatalf("value found %v, quote found %v; want the quote found without the number", v.ValueFound, v.Citation.QuoteFound)
	}
	status := func() string {
		t.Helper()
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range r.Areas {
			for _, it := range a.Items {
				if it.Indicator.Code == "2.3.3" {
					if it.Status == report.ValueNotFound {
						r.Lang = report.English
						if row := strings.Join(padded(t, r)["2.3.3"], "|"); !strings.Contains(row, "Number not found in its quote") {
							t.Errorf("English report 2.3.3: %q, want Number not found in its quote", row)
						}
					}
					return it.Status
				}
			}
		}
		return ""
	}
	if got := status(); got != report.ValueNotFound {
		t.Errorf("2.3.3 before review: %q, want %q", got, report.ValueNotFound)
	}
	if _, err := e.Values.Review(ctx, testenv.Admin, v.ID, "verified", "台账另有汇总表"); err != nil {
		t.Fatal(err)
	}
	if got := status(); got != report.Verified {
		t.Errorf("2.3.3 verified: %q, want %q", got, report.Verified)
	}
}

package report_test

import (
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportMarksAValueFoundOnlySpaced: a value of 2.3.3 whose number its
// quote writes only spaced (1200人 against “累计开户学习者1 200人”) is
// 数值待核对 in the report while it waits for review, as the heat map and
// /compare say; a reviewer's verdict settles it.
func TestReportMarksAValueFoundOnlySpaced(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "杭州市学分银行累计开户学习者1 200人。")
	v, err := e.Values.Record(ctx, coord, values.Input{Round: 2018, Indicator: "2.3.3", Value: values.Written("1200"),
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学分银行累计开户学习者1 200人"}})
	if err != nil {
		t.Fatal(err)
	}
	status := func() string {
		t.Helper()
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range r.Areas {
			for _, it := range a.Items {
				if it.Indicator.Code == "2.3.3" {
					return it.Status
				}
			}
		}
		t.Fatal("no 2.3.3 in the report")
		return ""
	}
	if got := status(); got != report.ValueToCheck {
		t.Errorf("2.3.3 with its value found only spaced: %q, want %q", got, report.ValueToCheck)
	}
	if _, err := e.Values.Review(ctx, testenv.Admin, v.ID, "verified", "已核对台账：开户1200人"); err != nil {
		t.Fatal(err)
	}
	if got := status(); got != report.Verified {
		t.Errorf("2.3.3 verified: %q, want %q", got, report.Verified)
	}
}

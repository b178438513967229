package report_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportSaysAKeptValueIsLastRoundsFigure: 杭州's 2017 value of 2.3.3
// (存入学分银行的社会培训成果人数, 732160人) carried into 2018. Confirmed
// as carried (确认沿用), the 2018 report says the figure is 2017's
// (沿用2017年度数值), where it said 本轮持平 as if counted again (probe s38,
// finding 13); recorded again in 2018 with the same number from the 2018
// summary it held steady (本轮持平); recorded with another, the change.
func TestReportSaysAKeptValueIsLastRoundsFigure(t *testing.T) {
	for _, c := range []struct {
		name, again, zh, en string
	}{
		{"确认沿用", "", "2017年度：732160人（沿用2017年度数值）", "Round 2017: 732,160 people (round 2017's figure, kept for this round)"},
		{"本轮重新填报同一数值", "732160", "2017年度：732160人（本轮持平）", "Round 2017: 732,160 people (unchanged this round)"},
		{"本轮重新填报新数值", "742160", "2017年度：732160人（本轮增加 10000人）", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := testenv.New(t)
			d := e.Upload(hangzhou, "2017年工作总结.txt", "2017年存入学分银行的社会培训成果732160人。")
			if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("732160"),
				Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "存入学分银行的社会培训成果732160人"}}); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Values.CarryOver(ctx, coord, hangzhou, 2018); err != nil {
				t.Fatal(err)
			}
			if c.again == "" {
				items, _, err := e.Values.CarriedItems(ctx, coord, hangzhou, 2018)
				if err != nil {
					t.Fatal(err)
				}
				for _, it := range items {
					if it.Kind == catalog.CarryValue {
						if _, err := e.Values.Decide(ctx, coord, it.ID, "confirm"); err != nil {
							t.Fatal(err)
						}
					}
				}
			} else {
				d18 := e.Upload(hangzhou, "2018年工作总结.txt", "2018年存入学分银行的社会培训成果"+c.again+"人。")
				if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2018, Indicator: "2.3.3", Value: values.Written(c.again),
					Citation: claims.CitationInput{DocumentID: d18.ID, Page: 1, Quote: "存入学分银行的社会培训成果" + c.again + "人"}}); err != nil {
					t.Fatal(err)
				}
			}
			r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
			if err != nil {
				t.Fatal(err)
			}
			if got := padded(t, r)["2.3.3"][9]; got != c.zh {
				t.Errorf("2018's 上一轮数值 of 2.3.3: %q, want %q", got, c.zh)
			}
			if c.en == "" {
				return
			}
			r.Lang = report.English
			if got := padded(t, r)["2.3.3"][9]; got != c.en {
				t.Errorf("2018's previous value of 2.3.3 in English: %q, want %q", got, c.en)
			}
		})
	}
}

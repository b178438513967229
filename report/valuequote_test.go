package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestValueQuoteNotFoundIsShownMarked: a value of 2.3.3 cites policy.txt
// with the quote 学分银行累计开户学习者达到1.2万人 where the document says
// 12000人. The report marks the quote as a claim's missing quote is
// (原文中未找到该引文), beside the number and under 佐证材料, in XLSX and
// DOCX, Chinese and English; it does not say the number is what is missing.
func TestValueQuoteNotFoundIsShownMarked(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "policy.txt", "杭州市学分银行累计开户学习者12000人。")
	const quote = "学分银行累计开户学习者达到1.2万人"
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "1.2万",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang      report.Lang
		mark, not string
	}{
		{report.Chinese, "\uFF08原文中未找到该引文\uFF09", "原文中未找到该数值"},
		{report.English, " (quote not found in the source text)", "value not found"},
	} {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		text, _, _ := docx(t, r)
		if strings.Count(text, tt.mark) < 2 || !strings.Contains(text, quote+tt.mark) || strings.Contains(text, tt.not) {
			t.Errorf("DOCX (%s) does not mark the value and its quote %q with %q (and not %q): %.1500s", tt.lang, quote, tt.mark, tt.not, text)
		}
		if cell := strings.Join(xlsxRows(t, r)["2.3.3"], "\t"); !strings.Contains(cell, "“"+quote+"”"+tt.mark) || strings.Contains(cell, tt.not) {
			t.Errorf("XLSX (%s) row 2.3.3 %q does not mark the quote %q", tt.lang, cell, quote)
		}
	}
}

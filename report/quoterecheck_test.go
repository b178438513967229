package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestQuoteToRecheckIsSaidInTheReport: a value of 2.3.3 cites policy.txt
// with a quote the document does not write (未找到), and looking again for
// it in the text read anew failed. The report, which is what gets
// submitted, says 引文待重新核对 with why in place of the old text's mark,
// beside the number and under 佐证材料, in XLSX and DOCX, Chinese and
// English (the English reason when it has one).
func TestQuoteToRecheckIsSaidInTheReport(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "policy.txt", "杭州市学分银行累计开户学习者12000人。")
	const quote = "学分银行累计开户学习者达到1.2万人"
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "1.2万",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Catalog.MarkQuotesToRecheck(ctx, d.SHA256, "文字存储暂时无法读取，请稍后再试", "The text store cannot be read just now; try again later"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang      report.Lang
		mark, not string
	}{
		{report.Chinese, "\uFF08引文待重新核对\uFF08文字存储暂时无法读取，请稍后再试\uFF09\uFF09", "原文中未找到"},
		{report.English, " (quote to be checked again: The text store cannot be read just now; try again later)", "not found"},
	} {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		text, _, _ := docx(t, r)
		if strings.Count(text, tt.mark) < 2 || !strings.Contains(text, quote+tt.mark) || strings.Contains(text, tt.not) {
			t.Errorf("DOCX (%s) does not say %q of the value and its quote (and not %q): %.1500s", tt.lang, tt.mark, tt.not, text)
		}
		if cell := strings.Join(xlsxRows(t, r)["2.3.3"], "\t"); !strings.Contains(cell, "“"+quote+"”"+tt.mark) || strings.Contains(cell, tt.not) {
			t.Errorf("XLSX (%s) row 2.3.3 %q does not say %q of the quote", tt.lang, cell, tt.mark)
		}
	}
}

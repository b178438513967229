package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestLinkQuoteNotInTheTextIsMarked: a document linked to 1.1.1 with a
// quote its text does not have (这句话不在文中), and to 2.3.1 with one
// written on page 2, not on page 1 as given: the report lists them as
// 佐证材料 marked as a claim's quote is (原文中未找到该引文; 第1页未找到该
// 引文，见第2页), in DOCX and XLSX, Chinese and English, and the quote the
// text has unmarked. It used to list them as the document's words.
func TestLinkQuoteNotInTheTextIsMarked(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "社区教育年报.txt", "杭州市建立学分银行制度。\f开展全民终身学习活动月。")
	const missing, elsewhere, found = "这句话不在文中", "开展全民终身学习活动月", "建立学分银行制度"
	for _, l := range []*catalog.Link{
		{DocumentID: d.ID, IndicatorCode: "1.1.1", Page: 1, Quote: missing},
		{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1, Quote: found},
		{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1, Quote: elsewhere},
	} {
		if err := e.Ingest.AddLinkInRound(ctx, coord, l, 2017); err != nil {
			t.Fatalf("link %s quoting %q: %v", l.IndicatorCode, l.Quote, err)
		}
	}
	for _, tt := range []struct {
		lang               report.Lang
		missing, elsewhere string
	}{
		{report.Chinese, "\uFF08原文中未找到该引文\uFF09", "\uFF08第1页未找到该引文\uFF0C见第2页\uFF09"},
		{report.English, " (quote not found in the source text)", " (not on p. 1; on p. 2)"},
	} {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		text, _, _ := docx(t, r)
		if !strings.Contains(text, missing+tt.missing) || !strings.Contains(text, elsewhere+tt.elsewhere) {
			t.Errorf("DOCX (%s) does not mark %q %q and %q %q: %.2000s", tt.lang, missing, tt.missing, elsewhere, tt.elsewhere, text)
		}
		if strings.Contains(text, found+tt.missing) || strings.Contains(text, found+tt.elsewhere) {
			t.Errorf("DOCX (%s) marks %q, which the text has", tt.lang, found)
		}
		rows := xlsxRows(t, r)
		if cell := strings.Join(rows["1.1.1"], "\t"); !strings.Contains(cell, "“"+missing+"”"+tt.missing) {
			t.Errorf("XLSX (%s) row 1.1.1 %q does not mark %q", tt.lang, cell, missing)
		}
	}
}

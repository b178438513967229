package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestQuoteOfASpreadsheetRowIsNotMarkedMissing: a claim and a value cite
// 学分银行台账.xlsx with its cells word for word (合计 | 203 | 253 | 12000,
// 3200). The report lists them without （原文中未找到该引文）: it used to
// mark them, the quote of some cells having been taken for a cut number.
func TestQuoteOfASpreadsheetRowIsNotMarkedMissing(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行台账.xlsx", string(xlsxtest.Rows(t, xlsxtest.CreditBankLedger...)))
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "全市学分银行存入12000人的学习成果",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "合计 | 203 | 253 | 12000"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "3200", Unit: "人",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "3200"}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang report.Lang
		mark string
	}{
		{report.Chinese, "原文中未找到该引文"},
		{report.English, "quote not found in the source text"},
	} {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		text, _, _ := docx(t, r)
		if !strings.Contains(text, "12000") || strings.Contains(text, tt.mark) {
			t.Errorf("DOCX (%s) marks a quote found word for word %q: %.1500s", tt.lang, tt.mark, text)
		}
		rows := xlsxRows(t, r)
		for _, code := range []string{"2.3.1", "2.3.3"} {
			if cell := strings.Join(rows[code], "\t"); cell == "" || strings.Contains(cell, tt.mark) {
				t.Errorf("XLSX (%s) row %s %q: marked %q or missing", tt.lang, code, cell, tt.mark)
			}
		}
	}
}

// TestReportXLSXKeepsFormulaLeadingCellsText: a 定性描述 typed as
// =HYPERLINK(…) is written with an apostrophe in front, as every other
// export writes such cells, so that editing the sheet or saving it as CSV
// does not make it a formula; the report wrote it raw. No cell begins as
// a formula (a title with @ and a 文号 with + among them).
func TestReportXLSXKeepsFormulaLeadingCellsText(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "社区教育工作总结.txt", "社区教育工作总结\n全市建成社区学习点1200个。")
	title, number := "@社区教育工作总结", "+杭教〔2017〕3号"
	if _, err := e.Catalog.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{Title: &title, DocNumber: &number}, "admin"); err != nil {
		t.Fatal(err)
	}
	statement := `=HYPERLINK("http://evil.example","详情")全市建成社区学习点1200个`
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: statement,
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "全市建成社区学习点1200个"}}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	row := xlsxRows(t, r)["2.3.1"]
	if len(row) < 9 || !strings.HasPrefix(row[7], "'"+catalog.TypedText(statement)) || !strings.Contains(row[8], "《@社区教育工作总结》 | +杭教〔2017〕3号") {
		t.Fatalf("row 2.3.1 %q: want the statement after an apostrophe and the document's title and 文号", row)
	}
	for i, cell := range row {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			t.Errorf("cell %d %q begins as a formula", i, cell)
		}
	}
}

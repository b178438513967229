package claims

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// ledgerPages extracts the pages of a real .xlsx ledger with a sheet of
// rows and a sheet that says the total in a sentence.
func ledgerPages(t *testing.T, rows ...[]any) []string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("说明"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("说明", "A1", "全市学分银行共3200人次存入学分"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "学分银行台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	res, err := extract.Extract(context.Background(), extract.FormatXLSX, path, extract.Limits{})
	if err != nil {
		t.Fatalf("extract the ledger: %v", err)
	}
	return res.Pages
}

func TestFindQuoteInASpreadsheetRow(t *testing.T) {
	pages := ledgerPages(t,
		[]any{"区县", "学习基地", "课程", "学员人数", "参与率"},
		[]any{"上城区", 45, 52, 3200, 38.5},
		[]any{"西湖区", 4, 5, 453, 7},
		[]any{"合计", 203, 253, 12000, "12,000"})
	tests := []struct {
		quote     string
		page      int
		found     bool
		foundOn   int
		wantQuote string // the text of the match on the page
	}{
		{"上城区 | 45 | 52", 1, true, 1, "上城区 | 45 | 52"},
		{"上城区 45 52", 1, true, 1, "上城区 | 45 | 52"},
		{"上城区\t45\t52", 1, true, 1, "上城区 | 45 | 52"},
		{"上城区 45", 1, true, 1, "上城区 | 45"},
		{"3200", 1, true, 1, "3200"},
		{"45", 1, true, 1, "45"},
		{"38.5", 1, true, 1, "38.5"},
		{"52 | 3200 | 38.5", 1, true, 1, "52 | 3200 | 38.5"},
		{"合计 | 203 | 253 | 12000", 1, true, 1, "合计 | 203 | 253 | 12000"},
		{"12,000", 1, true, 1, "12000"},
		{"453", 1, true, 1, "453"},
		{"4 5", 1, true, 1, "4 | 5"},
		// The sentence on the second sheet, cited there.
		{"3200", 2, true, 2, "3200"},
		// Cells run together are not a number of the page.
		{"4552", 1, false, 0, ""},
		{"3200385", 1, false, 0, ""},
		{"53", 1, false, 0, ""},
		{"38", 1, false, 0, ""},
		{"20", 1, false, 0, ""},
	}
	for _, tt := range tests {
		m := FindQuote(pages, tt.page, tt.quote)
		if m.Found != tt.found || m.FoundOnPage != tt.foundOn {
			t.Errorf("quote %q cited on page %d: found %v on page %d, want %v on %d", tt.quote, tt.page, m.Found, m.FoundOnPage, tt.found, tt.foundOn)
			continue
		}
		if got := m.Passage(pages); got != tt.wantQuote {
			t.Errorf("quote %q: matched %q, want %q", tt.quote, got, tt.wantQuote)
		}
	}
}

func TestFindQuoteNeverCutsACellsNumber(t *testing.T) {
	// 45 is in no cell: not in 453, nor across the cells 4 | 5, nor in
	// 1345 written with its digits spaced out.
	pages := ledgerPages(t,
		[]any{"区县", "甲", "乙", "丙"},
		[]any{"西湖区", 4, 5, 453},
		[]any{"滨江区", 1345, 645, 7})
	for _, q := range []string{"45", "西湖区 | 4 | 5 | 45", "5 | 45", "34"} {
		if m := FindQuote(pages, 1, q); m.FoundOnPage != 0 {
			t.Errorf("quote %q: found %q on page %d, want nowhere", q, m.Passage(pages), m.FoundOnPage)
		}
	}
	for _, q := range []string{"4 | 5 | 453", "1345", "645 | 7", "滨江区 1345 645"} {
		if m := FindQuote(pages, 1, q); !m.Found {
			t.Errorf("quote %q: not found on page 1 of %q", q, pages[0])
		}
	}
}

func TestFindQuoteOfDigitsSpacedOut(t *testing.T) {
	// One space between digits may space out one number, as a PDF's
	// title does: the number is found with or without it; two cells are
	// not one number.
	pages := []string{"杭州市 2 0 2 3 年学习型城市建设统计\n上城区  45  52"}
	for _, q := range []string{"2023年", "2 0 2 3 年", "20 23年", "上城区 45 52"} {
		if m := FindQuote(pages, 1, q); !m.Found {
			t.Errorf("quote %q: not found in %q", q, pages[0])
		}
	}
	if m := FindQuote(pages, 1, "4552"); m.FoundOnPage != 0 {
		t.Errorf("quote 4552: found %q, want nowhere: the page has the cells 45 and 52", m.Passage(pages))
	}
}

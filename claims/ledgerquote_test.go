package claims

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
)

// ledgerPages extracts the pages of a real .xlsx ledger with a sheet of
// rows and a sheet that says the total in a sentence.
func ledgerPages(t *testing.T, rows ...[]any) []string {
	t.Helper()
	book := xlsxtest.Book(t, xlsxtest.Sheet{Rows: rows}, xlsxtest.Sheet{Name: "说明", Rows: [][]any{{"全市学分银行共3200人次存入学分"}}})
	path := filepath.Join(t.TempDir(), "学分银行台账.xlsx")
	if err := os.WriteFile(path, book, 0o600); err != nil {
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
		{"4 | 5", 1, true, 1, "4 | 5"},
		// A space parts cells or spaces out a number: the first reading
		// that fits, 45 of the row above.
		{"4 5", 1, true, 1, "45"},
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
	// title does, or part two cells of a table the PDF reader did not
	// see: it is read either way. The page is stored normalized, which
	// leaves one space of 上城区  45  52.
	pages := []string{extract.Normalize("杭州市 2 0 2 3 年学习型城市建设统计\n上城区  45  52")}
	for _, q := range []string{"2023年", "2 0 2 3 年", "20 23年", "上城区 45 52", "4552"} {
		if m := FindQuote(pages, 1, q); !m.Found {
			t.Errorf("quote %q: not found in %q", q, pages[0])
		}
	}
	// And a number written without spaces is found quoted with them.
	pages = []string{extract.Normalize("杭州市2023年学习型城市建设统计")}
	for _, q := range []string{"2 0 2 3年", "20 23年", "2 0 2 3 年学习型城市"} {
		if m := FindQuote(pages, 1, q); !m.Found {
			t.Errorf("quote %q: not found in %q", q, pages[0])
		}
	}
}

// TestFindQuoteOfNumbersWrittenAnotherWay holds quotes of PDFs, OCR'd
// pages and typed statements whose numbers the page writes otherwise
// (broken over a line, spaced, a dash or colon between spaces), each
// found before cells were told apart, and cells that are not one number.
func TestFindQuoteOfNumbersWrittenAnotherWay(t *testing.T) {
	tests := []struct {
		page, quote string
		found       bool
	}{
		{"全年培训学员12\n000人次", "学员12000人次", true},
		{"全年培训学员12\n000人次", "12000人次", true},
		{"规划期为2021 - 2025年", "2021-2025年", true},
		{"规划期为2021 — 2025年", "2021—2025年", true},
		{"师生比为1 : 3", "师生比为1:3", true},
		{"全年培训学员12000人次", "学员12 000人次", true},
		{"全年培训学员12,000人次", "学员12 000人次", true},
		{"全年培训学员12 000人次", "学员12000人次", true},
		{"杭州市2023年", "2 0 2 3年", true},
		{"杭州市2023年", "20 23年", true},
		{"咨询电话0571-8765-4321", "0571 8765 4321", true},
		{"杭州市 2 0 2 3 年", "2023年", true},
		{"上城区\t45\t52", "上城区 45 52", true},
		{"上城区 | 45 | 52", "上城区 45 52", true},
		{"上城区 | 45 | 52", "上城区\t45\t52", true},
		{"上城区 | 45 | 52", "52", true},
		{"上城区 45\n\n52 下城区", "52 下城区", true},
		// Cells are not one number.
		{"上城区 | 45 | 52", "4552", false},
		{"上城区 | 45 | 52", "上城区4552", false},
		{"西湖区 | 4 | 5", "45", false},
		{"西湖区 | 4 | 5", "西湖区45", false},
		{"西湖区45人", "4 | 5", false},
		{"上城区 45\n\n52 下城区", "4552", false},
		// A table whose cells a space parts (an OCR'd scan): the row's
		// run of numbers is found whole, one cell alone not (README), as
		// the space may space out one number.
		{"上城区45 52 3200", "上城区 45 52 3200", true},
		{"上城区45 52 3200", "上城区45523200", true},
		{"上城区45 52 3200", "3200", false},
		// Nor is a number found inside another.
		{"全年培训学员12000人次", "2000人次", false},
		{"全年培训学员12\n000人次", "000人次", false},
	}
	for _, tt := range tests {
		pages := []string{extract.Normalize(tt.page)}
		if m := FindQuote(pages, 1, tt.quote); m.Found != tt.found {
			t.Errorf("quote %q in %q: found %v, want %v", tt.quote, pages[0], m.Found, tt.found)
		}
	}
}

// TestFindQuoteInASpacedRow: OCR text and a PDF table that pdftable does
// not line up part a row's cells with spaces only; two spaces or more
// (or a tab) part two cells, so a cell cited alone is found there, and a
// number is never found inside another, nor two cells run together.
func TestFindQuoteInASpacedRow(t *testing.T) {
	pages := []string{"区县  学习基地  课程  学员人数\n上城区  45  52  3200\n西湖区\t4\t5\t453\n全年培训 12 000 人次\n"}
	for _, tt := range []struct {
		quote, want string // want "" for not found
	}{
		{"52", "52"},
		{"45", "45"},
		{"3200", "3200"},
		{"上城区 45 52", "上城区  45  52"},
		{"上城区 | 45 | 52", "上城区  45  52"},
		{"上城区  45  52  3200", "上城区  45  52  3200"},
		{"453", "453"},
		{"5", "5"}, // 西湖区's 5, not the 5 of 45 or 52
		{"12000", "12 000"},
		{"4552", ""},
		{"2", ""},
		{"320", ""},
		{"53", ""},
	} {
		m := FindQuote(pages, 1, tt.quote)
		if got := m.Passage(pages); m.Found != (tt.want != "") || got != tt.want {
			t.Errorf("quote %q: found %v, matched %q; want %q", tt.quote, m.Found, got, tt.want)
		}
	}
	// 西湖区's 5 and not one inside 45 or 52: it is the one after a tab.
	if m := FindQuote(pages, 1, "5"); m.Found && pages[0][m.Start-1] != '\t' {
		t.Errorf("quote 5 matched at byte %d, inside another number", m.Start)
	}
}

// TestFindQuoteInARowOfFullWidthSpaces: a single full-width space (U+3000)
// parts a row's cells as two spaces do, as Word and OCR text write a row
// (上城区　45　52　3200): a cell cited alone is found there, no number
// inside another nor two cells run together.
func TestFindQuoteInARowOfFullWidthSpaces(t *testing.T) {
	pages := []string{"区县　学习基地　课程　学员人数\n上城区　45　52　3200\n"}
	for _, tt := range []struct {
		quote, want string // want "" for not found
	}{
		{"52", "52"},
		{"3200", "3200"},
		{"上城区 45 52", "上城区　45　52"},
		{"上城区　45　52　3200", "上城区　45　52　3200"},
		{"4552", ""},
		{"2", ""},
		{"320", ""},
	} {
		m := FindQuote(pages, 1, tt.quote)
		if got := m.Passage(pages); m.Found != (tt.want != "") || got != tt.want {
			t.Errorf("quote %q: found %v, matched %q; want %q", tt.quote, m.Found, got, tt.want)
		}
	}
}

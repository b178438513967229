// Package xlsxtest writes the .xlsx workbooks tests upload or import,
// checking every error. It imports nothing of the module, so that a
// package testenv builds on (claims) can use it too.
package xlsxtest

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Sheet is a worksheet: its name ("" for Sheet1, the first's only) and
// its rows from A1.
type Sheet struct {
	Name string
	Rows [][]any
}

// Rows is a workbook of one sheet, Sheet1, holding rows from A1.
func Rows(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	return Book(t, Sheet{Rows: rows})
}

// Book is a workbook of the sheets, in order.
func Book(t testing.TB, sheets ...Sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		name := s.Name
		if name == "" {
			name = "Sheet1"
		}
		if i > 0 {
			if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
		} else if name != "Sheet1" {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		}
		for r, row := range s.Rows {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatalf("sheet %s row %d: %v", name, r+1, err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// CreditBankLedger is the probe's 学分银行台账.xlsx: a row per district
// and the total, its page reading 上城区 | 45 | 52 | 3200 | 38.5 line by
// line.
var CreditBankLedger = [][]any{
	{"区县", "学习基地", "课程", "学分银行人数", "达标比例"},
	{"上城区", 45, 52, 3200, 38.5},
	{"西湖区", 4, 5, 453, 7},
	{"合计", 203, 253, 12000, 41.2},
}

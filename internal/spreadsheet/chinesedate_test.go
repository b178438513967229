package spreadsheet

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// A date typed in a Chinese built-in format (31: 2018年3月31日), which
// Excel and WPS in China store as the format's number alone, with no
// <numFmt> of its own, is read as the date, not as the serial number 43190.
func TestReadFirstSheetChineseBuiltinDate(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for ref, v := range map[string]any{"A1": "指标编码", "B1": "截止日期", "A2": "2.3.1", "B2": 43190} {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 31})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sheet, "B2", "B2", style); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	_, rows, err := ReadFirstSheet(buf.Bytes(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || len(rows[1]) < 2 || rows[1][1] != "2018年3月31日" {
		t.Fatalf("rows = %q, want 截止日期 2018年3月31日", rows)
	}
}

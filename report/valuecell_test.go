package report_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// TestEnglishValueCellsAreNumbers: in the English XLSX report a value's
// cell is a number counted out of 万 or 亿 (1234.5 万人次 is 12345000, 12.3
// 万人 is 123000), shown with thousands separators, so that readers can
// sum and sort it; the Chinese report keeps the number as written
// (1234.5万 is text, 56.5 a number).
func TestEnglishValueCellsAreNumbers(t *testing.T) {
	values := []*catalog.Value{
		{Number: 1234.5, Unit: "万人次", Given: "1234.5万"},
		{Number: 12.3, Unit: "万人", Given: "12.3"},
		{Number: 56.5, Unit: "%", Given: "56.5"},
	}
	for _, tt := range []struct {
		lang  report.Lang
		cells []string
		text  []bool
		units []string
	}{
		{report.English, []string{"12345000", "123000", "56.5"}, []bool{false, false, false}, []string{"attendances", "people", "%"}},
		{report.Chinese, []string{"1234.5万", "12.3", "56.5"}, []bool{true, false, false}, []string{"万人次", "万人", "%"}},
	} {
		var items []report.Item
		for i, v := range values {
			items = append(items, report.Item{Indicator: catalog.Indicator{Code: "3.1." + string(rune('1'+i)), Name: "市民学习参与人次", Kind: catalog.Quantitative, Level: catalog.KeyLevel, Unit: v.Unit},
				Status: report.Present, Value: v})
		}
		r := &report.Report{City: catalog.City{Code: "330100", Name: "杭州"}, Round: 2018, Lang: tt.lang,
			Areas: []report.Area{{Code: "3", Name: "学习参与", Items: items}}}
		var buf bytes.Buffer
		if err := r.WriteXLSX(&buf); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[1]
		for i := range values {
			ref := "E" + string(rune('2'+i))
			raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
			typ, _ := f.GetCellType(sheet, ref)
			unit, _ := f.GetCellValue(sheet, "F"+string(rune('2'+i)))
			text := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
			if raw != tt.cells[i] || text != tt.text[i] || unit != tt.units[i] {
				t.Errorf("%s %s: %q (text %v) in %q, want %q (text %v) in %q", tt.lang, ref, raw, text, unit, tt.cells[i], tt.text[i], tt.units[i])
			}
		}
		if tt.lang == report.English {
			if shown, _ := f.GetCellValue(sheet, "E2"); shown != "12,345,000" {
				t.Errorf("English E2 shown as %q, want 12,345,000", shown)
			}
		}
		f.Close()
	}
}

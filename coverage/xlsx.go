package coverage

import (
	"bytes"
	"fmt"

	"github.com/lcmonitor/evidence/internal/spreadsheet"
	"github.com/xuri/excelize/v2"
)

// XLSX writes the matrix as a spreadsheet: one row per key indicator, one
// column per city, with the count of linked documents; empty qualitative
// cells are highlighted and say 缺 so the gap shows without colour too, and
// a cell with a claim or value a reviewer found contradicted says
// 与证据矛盾 before its count. In English (english true) the headings,
// types and marks are English (Coverage, Gap, Contradicted by evidence);
// city and indicator names stay as recorded.
func (m *Matrix) XLSX(english bool) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := xlsxWords[false]
	if english {
		w = xlsxWords[true]
	}
	sheet := w.sheet
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	header := []any{w.code, w.indicator, w.kind}
	for _, c := range m.Cities {
		header = append(header, spreadsheet.Neutralize(c.Name+"\uFF08"+c.Code+"\uFF09"))
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return nil, err
	}
	gap, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"F8D7DA"}, Pattern: 1}})
	if err != nil {
		return nil, err
	}
	for i, col := range m.Indicators {
		r := i + 2
		row := []any{spreadsheet.Neutralize(col.Code), spreadsheet.Neutralize(col.Name), w.kinds[col.Kind]}
		for _, c := range m.Cities {
			var cell Cell
			for _, cc := range c.Cells {
				if cc.Code == col.Code {
					cell = cc
				}
			}
			switch {
			case cell.Contradicted > 0:
				row = append(row, fmt.Sprintf(w.contradicted, cell.Documents))
			case cell.Documents == 0 && col.Kind == "qualitative":
				row = append(row, w.gap)
			default:
				row = append(row, cell.Documents)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("write row %d: %w", r, err)
		}
		for j := range m.Cities {
			if row[3+j] == w.gap {
				ref, _ := excelize.CoordinatesToCellName(4+j, r)
				f.SetCellStyle(sheet, ref, ref, gap)
			}
		}
	}
	f.SetColWidth(sheet, "B", "B", 48)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("encode coverage xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// matrixWords are the coverage spreadsheet's own words, Chinese (false)
// and English (true).
type matrixWords struct {
	sheet, code, indicator, kind, gap, contradicted string
	kinds                                           map[string]string
}

var xlsxWords = map[bool]matrixWords{
	false: {sheet: "覆盖情况", code: "编码", indicator: "关键指标", kind: "类型", gap: "缺",
		contradicted: "与证据矛盾\uFF08%d 份\uFF09", kinds: map[string]string{"qualitative": "定性", "quantitative": "定量"}},
	true: {sheet: "Coverage", code: "Code", indicator: "Key indicator", kind: "Type", gap: "Gap",
		contradicted: "Contradicted by evidence (%d documents)", kinds: map[string]string{"qualitative": "Qualitative", "quantitative": "Quantitative"}},
}

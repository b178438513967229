package coverage

import (
	"bytes"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
	"github.com/xuri/excelize/v2"
)

// XLSX writes the matrix as a spreadsheet: one row per key indicator, one
// column per city, each cell saying what the heat map's cell says (cellMark):
// 与证据矛盾, 已核实, 已提交定性描述 or 已填报数值 with the count of linked documents, the count
// alone, or 缺 on a red fill, so the gap shows without colour too. In
// English (english true) the headings, types and marks are English
// (Coverage, Gap, Contradicted by evidence) and cities and indicators are
// named in English where they have an English name.
func (m *Matrix) XLSX(english bool) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := xlsxWords[english]
	sheet := w.sheet
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	header := []any{w.code, w.indicator, w.kind}
	for _, c := range m.Cities {
		name := c.Name + "\uFF08" + c.Code + "\uFF09"
		if english {
			name = catalog.City{Code: c.Code, Name: c.Name}.EnglishName() + " (" + c.Code + ")"
		}
		header = append(header, spreadsheet.Neutralize(name))
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
		row := []any{spreadsheet.Neutralize(col.Code), spreadsheet.Neutralize(col.Shown(english)), w.kinds[col.Kind]}
		for _, c := range m.Cities {
			var cell Cell
			for _, cc := range c.Cells {
				if cc.Code == col.Code {
					cell = cc
				}
			}
			row = append(row, w.cellMark(cell))
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

// cellMark is what a cell says, as the heat map's cell does (web's
// cellLook): a claim or value found contradicted first, then one found
// 证据不足 (sent back for more evidence), then one verified (a reviewer's
// verdict in the round stays the state), then anything carried over from
// the last round and still to confirm, then a claim submitted that cites a document not withdrawn, then a
// value recorded whose source is not withdrawn, each with the count of
// evidence documents (linked or cited) when there are any; else that
// count, or 缺 when there is nothing at all. A verdict with something
// carried still to confirm says both (证据不足 · 待确认（1 份）), as does
// any state over all rounds (有证据 · 待确认（2 份）).
func (w matrixWords) cellMark(c Cell) any {
	var mark string
	switch {
	case c.Contradicted > 0:
		mark = w.contradicted
	case c.Insufficient > 0:
		mark = w.insufficient
	case c.Verified > 0 || c.VerifiedValues > 0:
		mark = w.verified
	case c.CarriedOnly():
		mark = w.toConfirm
	case c.SourcesDeleted > 0: // a claim or value resting only on deleted documents, as the heat map says
		mark = w.sourceDeleted
	case c.ValuesNotFound > 0:
		mark = w.valueNotFound
	case c.ClaimsNotFound > 0: // a claim's number, which a qualitative indicator's statement holds: no 数值
		mark = w.claimNumberNotFound
	case c.ClaimsSpaced > 0:
		mark = w.numberToCheck
	case c.ValuesSpaced > 0:
		mark = w.valueToCheck
	case c.Status() == StatusNoValue: // evidence, and no number: as the report and /compare say (有佐证，缺数值)
		mark = w.noValue
	case c.Backed > 0:
		mark = w.claimed
	case c.Values > 0:
		mark = w.valued
	case c.Documents > 0 && c.ToConfirm == 0:
		return c.Documents
	case c.Documents > 0: // over all rounds, beside what was carried (有证据 · 待确认): the count alone would hide it
		mark = w.evidence
	default:
		return w.gap
	}
	// A verdict of the round stays the state, and over all rounds what
	// the rounds carried from hold (Cell.CarriedOnly); a carried item
	// beside it still waits to be confirmed, as the heat map says (证据不足
	// · 待确认).
	if c.ToConfirm > 0 && mark != w.toConfirm {
		mark += " · " + w.toConfirm
	}
	if c.Documents == 0 {
		return mark
	}
	return mark + fmt.Sprintf(w.count, c.Documents, w.plural(c.Documents))
}

// plural is "s" after a count other than one in English, "" in Chinese.
func (w matrixWords) plural(n int) string {
	if w.english && n != 1 {
		return "s"
	}
	return ""
}

// matrixWords are the coverage spreadsheet's own words, Chinese (false)
// and English (true).
type matrixWords struct {
	sheet, code, indicator, kind, gap string
	contradicted, verified, claimed   string
	valued, toConfirm, insufficient   string
	valueNotFound, numberToCheck      string
	claimNumberNotFound               string // a claim's number in no quote
	evidence                          string // documents only, beside items carried (全部)
	valueToCheck                      string // a value's number its quote writes only spaced
	sourceDeleted                     string // a claim or value resting only on deleted documents
	noValue                           string // a quantitative indicator with evidence and no value
	count                             string // after a mark: the documents, from their count and plural
	kinds                             map[string]string
	english                           bool
}

var xlsxWords = map[bool]matrixWords{
	false: {sheet: "覆盖情况", code: "编码", indicator: "关键指标", kind: "类型", gap: "缺",
		contradicted: "与证据矛盾", insufficient: "证据不足", verified: "已核实", claimed: "已提交定性描述", valued: "已填报数值", valueNotFound: "数值未在引文中找到", claimNumberNotFound: "定性描述中的数字未在引文中找到", evidence: "有证据", numberToCheck: "定性描述中的数字待核对", valueToCheck: "数值待核对", sourceDeleted: "出处已删除", noValue: "有佐证\uFF0C缺数值", toConfirm: "待确认", count: "\uFF08%d 份%s\uFF09",
		kinds: map[string]string{"qualitative": "定性", "quantitative": "定量"}},
	true: {sheet: "Coverage", code: "Code", indicator: "Key indicator", kind: "Type", gap: "Gap",
		contradicted: "Contradicted by evidence", insufficient: "Insufficient evidence", verified: "Verified", claimed: "Claim submitted", valued: "Value reported", valueNotFound: "Number not found in its quote", claimNumberNotFound: "A claim's number not found in its quotes", evidence: "Evidence", numberToCheck: "A claim's number to check", valueToCheck: "A value's number to check", sourceDeleted: "Source deleted", noValue: "Evidence, value not reported", toConfirm: "Carried over, to confirm", count: " (%d document%s)",
		kinds: map[string]string{"qualitative": "Qualitative", "quantitative": "Quantitative"}, english: true},
}

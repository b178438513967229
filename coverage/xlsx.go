package coverage

import (
	"bytes"
	"fmt"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
	"github.com/xuri/excelize/v2"
)

// XLSX writes the matrix as a spreadsheet: one row per key indicator, one
// column per city, each cell saying what the heat map's cell says (cellMark):
// its state's words (与证据矛盾, 已核实, 已提交定性描述, 已填报数值…) with the
// count of evidence documents, the count alone, or 缺 on a red fill, so
// the gap shows without colour too. In
// English (english true) the headings, types and marks are English
// (Coverage, Gap, Contradicted by evidence) and cities and indicators are
// named in English where they have an English name.
func (m *Matrix) XLSX(english bool) ([]byte, error) {
	f := spreadsheet.NewFile(time.Now())
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
// CellLook), by its state (Cell.State): the state's words with the count
// of evidence documents (linked or cited) when there are any, the count
// alone for documents and nothing else, or 缺 when there is nothing at
// all. Something carried over still to confirm beside the state says both
// (证据不足 · 待确认（1 份）), as does any state over all rounds (有证据 ·
// 待确认（2 份）): the count alone would hide it.
func (w matrixWords) cellMark(c Cell) any {
	st := c.State()
	mark := w.states[st]
	switch {
	case st == StateGap:
		return w.gap
	case st == StateDocuments && c.ToConfirm == 0:
		return c.Documents
	case st == StateQuoteRecheck:
		why := c.QuoteRecheck
		if w.english && c.QuoteRecheckEN != "" {
			why = c.QuoteRecheckEN
		}
		mark = fmt.Sprintf(mark, why)
	}
	if c.ToConfirm > 0 && st != StateToConfirm {
		mark += " · " + w.states[StateToConfirm]
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
	// states are the words of each state but the gap; StateDocuments's
	// is said only beside items carried (全部), StateQuoteRecheck's has
	// the reason for its %s.
	states  map[State]string
	count   string // after a mark: the documents, from their count and plural
	kinds   map[string]string
	english bool
}

var xlsxWords = map[bool]matrixWords{
	false: {sheet: "覆盖情况", code: "编码", indicator: "关键指标", kind: "类型", gap: "缺",
		states: map[State]string{StateContradicted: "与证据矛盾", StateInsufficient: "证据不足", StateVerified: "已核实", StateToConfirm: "待确认",
			StateVerifiedQuoteNotFound: "已核实\uFF08引文在文字中未找到\uFF09", StateQuoteNotFound: "引文未找到",
			StateSourceDeleted: "出处已删除", StateValueNotFound: "数值未在引文中找到", StateClaimNumberNotFound: "定性描述中的数字未在引文中找到",
			StateClaimNumberToCheck: "定性描述中的数字待核对", StateValueToCheck: "数值待核对", StateNoValue: "有佐证\uFF0C缺数值",
			StateQuoteRecheck: "引文待重新核对\uFF08%s\uFF09", StateClaimed: "已提交定性描述", StateValued: "已填报数值", StateDocuments: "有证据"},
		count: "\uFF08%d 份%s\uFF09",
		kinds: map[string]string{"qualitative": "定性", "quantitative": "定量"}},
	true: {sheet: "Coverage", code: "Code", indicator: "Key indicator", kind: "Type", gap: "Gap",
		states: map[State]string{StateContradicted: "Contradicted by evidence", StateInsufficient: "Insufficient evidence", StateVerified: "Verified",
			StateVerifiedQuoteNotFound: "Verified (quote not found in the text)", StateQuoteNotFound: "Quote not found",
			StateToConfirm: "Carried over, to confirm", StateSourceDeleted: "Source deleted", StateValueNotFound: "Number not found in its quote",
			StateClaimNumberNotFound: "A claim's number not found in its quotes", StateClaimNumberToCheck: "A claim's number to check",
			StateValueToCheck: "A value's number to check", StateNoValue: "Evidence, value not reported", StateQuoteRecheck: "Quote to be checked again (%s)",
			StateClaimed: "Claim submitted", StateValued: "Value reported", StateDocuments: "Evidence"},
		count: " (%d document%s)",
		kinds: map[string]string{"qualitative": "Qualitative", "quantitative": "Quantitative"}, english: true},
}

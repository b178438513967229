package spreadsheet

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// A responsibility table or a ledger as a department makes it has merged
// cells: a 责任单位 written once beside the several indicators it answers
// for, a heading 指标 over 编码 and 名称, a banner 一、组织领导 across the
// row. A merged range keeps its text in its first cell only; the reader
// gives it to every cell of the range, as a person reading the sheet sees
// it. The ranges are read from the sheet's XML as a stream (excelize's
// GetMergeCells would load the whole sheet as structs first).

// span is a merged range, 0-based and inclusive.
type span struct{ top, left, bottom, right int }

// maxMerges bounds the merged ranges of a sheet read: a table a person
// imports has a few dozen, a form a few hundred.
const maxMerges = 20000

// collectMerges returns a visitor of a worksheet's XML that appends its
// merged ranges to *out, refusing more than maxMerges.
func collectMerges(out *[]span) func(xml.Token) error {
	return func(tok xml.Token) error {
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "mergeCell" {
			return nil
		}
		if len(*out) >= maxMerges {
			return catalog.Errorf(catalog.EINVALID, "表格的合并单元格超过 %d 处；请取消合并后再导入", maxMerges)
		}
		if s, ok := parseRange(attr(se, "ref")); ok {
			*out = append(*out, s)
		}
		return nil
	}
}

// parseRange reads a range reference such as "B3:B7" (1-based cells) as a
// span; a single cell or a reference it cannot read is no merge.
func parseRange(ref string) (span, bool) {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return span{}, false
	}
	r1, c1, ok1 := cellRef(from)
	r2, c2, ok2 := cellRef(to)
	if !ok1 || !ok2 || r2 < r1 || c2 < c1 {
		return span{}, false
	}
	return span{top: r1 - 1, left: c1 - 1, bottom: r2 - 1, right: c2 - 1}, true
}

// cellRef reads a cell reference such as "$B$3" as its 1-based row and
// column.
func cellRef(ref string) (row, col int, ok bool) {
	ref = strings.ReplaceAll(ref, "$", "")
	col = columnOf(ref)
	i := 0
	for i < len(ref) && (ref[i]|0x20 >= 'a' && ref[i]|0x20 <= 'z') {
		i++
	}
	row, err := strconv.Atoi(ref[i:])
	if col <= 0 || err != nil || row <= 0 {
		return 0, 0, false
	}
	return row, col, true
}

// fillMerges gives every cell of each merged range in records the text of
// its first cell, lengthening rows where a range reaches past their last
// cell. Ranges past the records or MaxColumns are cut to them, and the
// cells visited together are bounded by maxPaddedCells: ranges laid over
// one another many times are refused, not filled for minutes.
func fillMerges(records [][]string, merges []span) error {
	visited := 0
	for _, m := range merges {
		if m.top >= len(records) || m.left >= MaxColumns || m.left >= len(records[m.top]) {
			continue
		}
		text := records[m.top][m.left]
		if text == "" {
			continue
		}
		right := min(m.right, MaxColumns-1)
		bottom := min(m.bottom, len(records)-1)
		if visited += (bottom - m.top + 1) * (right - m.left + 1); visited > maxPaddedCells {
			return catalog.Errorf(catalog.EINVALID, "表格的合并单元格过多或相互重叠；请取消合并后再导入")
		}
		for r := m.top; r <= bottom; r++ {
			for len(records[r]) <= right {
				records[r] = append(records[r], "")
			}
			for c := m.left; c <= right; c++ {
				if records[r][c] == "" {
					records[r][c] = text
				}
			}
		}
	}
	return nil
}

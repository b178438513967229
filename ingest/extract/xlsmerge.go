package extract

import (
	"encoding/binary"
)

// A ledger (台账) merges a 区县's cell down over the rows of its 街道;
// xlsReader gives the value in the merge's first row only, so the other
// rows came out as "| 鼓楼街道 | 8" where Excel shows 海曙区 beside them.
// The merges are in the sheet's MERGECELLS records ([MS-XLS] 2.4.168), read
// here as the formulas are, and each row a merge covers gets its label the
// way mergeFill does for XLSX.

// mergeRange is one merged range, 0-based and inclusive.
type mergeRange struct {
	firstRow, lastRow, firstCol, lastCol int
}

// readSheetMerges reads the MERGECELLS records of the sheet substream at
// off (up to its EOF), at most maxMergedRanges ranges.
func readSheetMerges(stream []byte, off int) []mergeRange {
	var merges []mergeRange
	for off+4 <= len(stream) && len(merges) < maxMergedRanges {
		typ, data, next := biffRecord(stream, off)
		off = next
		switch typ {
		case 0x000A: // EOF
			return merges
		case 0x00E5: // MERGECELLS: a count, then Ref8 ranges of 8 bytes
			if len(data) < 2 {
				continue
			}
			n := int(binary.LittleEndian.Uint16(data))
			for k := 0; k < n && 2+8*k+8 <= len(data) && len(merges) < maxMergedRanges; k++ {
				r := data[2+8*k:]
				merges = append(merges, mergeRange{
					firstRow: int(binary.LittleEndian.Uint16(r)),
					lastRow:  int(binary.LittleEndian.Uint16(r[2:])),
					firstCol: int(binary.LittleEndian.Uint16(r[4:])),
					lastCol:  int(binary.LittleEndian.Uint16(r[6:])),
				})
			}
		}
	}
	return merges
}

// mergeFill keeps, while a sheet's rows are read in order, the value of
// each merge down over several rows, and fills it into the rows after the
// first that it covers: a ledger (台账) merges a 区县's cell over the rows
// of its 街道 or years, Excel shows the label beside each of them, so each
// row's line in the text keeps it ("海曙区 | 12 | 8.6万人次", not
// "| 12 | 8.6万人次"). Merges across columns only (a title over the table)
// are left as they are: repeating a title in every column helps no one.
type mergeFill struct {
	starts map[int][]mergeRange // by first row: merges over more than one row
	open   map[int]openMerge    // by first column: merges with rows still to fill
	fills  int
}

type openMerge struct {
	mergeRange
	value string
}

func newMergeFill(merges []mergeRange) *mergeFill {
	m := &mergeFill{starts: map[int][]mergeRange{}, open: map[int]openMerge{}}
	for _, g := range merges {
		if g.lastRow > g.firstRow && g.firstRow >= 0 {
			m.starts[g.firstRow] = append(m.starts[g.firstRow], g)
		}
	}
	return m
}

// row returns the cells of 0-based row r with the labels of the merges
// over it; cells of a merge's first row give the merge its value. An
// empty row costs nothing more (a crafted sheet merges every column down
// a million rows, most of them empty), a column holds one open merge, and
// a sheet gets at most maxMergeFills labels.
func (m *mergeFill) row(r int, cells []string) []string {
	if len(m.starts) == 0 || emptyRow(cells) {
		return cells
	}
	var labels []mergedLabel
	if len(m.open) > 0 && m.fills < maxMergeFills {
		for col, o := range m.open {
			if r > o.lastRow {
				delete(m.open, col)
				continue
			}
			labels = append(labels, mergedLabel{col: o.firstCol, value: o.value})
		}
		m.fills += len(labels)
	}
	for _, g := range m.starts[r] {
		if g.firstCol < len(cells) && cleanCell(cells[g.firstCol]) != "" {
			m.open[g.firstCol] = openMerge{g, cells[g.firstCol]}
		}
	}
	return withMergedLabels(cells, labels)
}

func emptyRow(cells []string) bool {
	for _, c := range cells {
		if cleanCell(c) != "" {
			return false
		}
	}
	return true
}

// maxMergedRanges bounds the merged ranges read of one sheet, and
// maxMergeFills the labels they fill into its rows.
const (
	maxMergedRanges = 1 << 16
	maxMergeFills   = 1 << 20
)

// mergedLabel is the value of a merged cell repeated in a row it covers.
type mergedLabel struct {
	col   int // 0-based
	value string
}

// withMergedLabels puts the labels of cells merged down into the row's
// empty cells (row leaves an empty row as it is: a blank row inside a
// merge stays out of the text).
func withMergedLabels(cells []string, labels []mergedLabel) []string {
	for _, l := range labels {
		for len(cells) <= l.col {
			cells = append(cells, "")
		}
		if cells[l.col] == "" {
			cells[l.col] = l.value
		}
	}
	return cells
}

package extract

import "encoding/binary"

// A ledger (台账) merges a 区县's cell down over the rows of its 街道;
// xlsReader gives the value in the merge's first row only, so the other
// rows came out as "| 鼓楼街道 | 8" where Excel shows 海曙区 beside them.
// The merges are in the sheet's MERGECELLS records ([MS-XLS] 2.4.168), read
// here as the formulas are, and each row a merge covers gets its label the
// way mergedDown does for XLSX.

// xlsMerge is one merged range, 0-based and inclusive.
type xlsMerge struct {
	firstRow, lastRow, firstCol, lastCol int
}

// readSheetMerges reads the MERGECELLS records of the sheet substream at
// off (up to its EOF), at most maxMergedLabels ranges.
func readSheetMerges(stream []byte, off int) []xlsMerge {
	var merges []xlsMerge
	for off+4 <= len(stream) && len(merges) < maxMergedLabels {
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
			for k := 0; k < n && 2+8*k+8 <= len(data) && len(merges) < maxMergedLabels; k++ {
				r := data[2+8*k:]
				merges = append(merges, xlsMerge{
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

// xlsMergedDown keeps, while a sheet's rows are read in order, the value
// of each merge down over several rows, and fills it into the rows after
// the first that it covers.
type xlsMergedDown struct {
	starts map[int][]xlsMerge // by first row: merges over more than one row
	open   []openMerge
}

type openMerge struct {
	xlsMerge
	value string
}

func newXLSMergedDown(merges []xlsMerge) *xlsMergedDown {
	m := &xlsMergedDown{starts: map[int][]xlsMerge{}}
	for _, g := range merges {
		if g.lastRow > g.firstRow && g.firstRow >= 0 {
			m.starts[g.firstRow] = append(m.starts[g.firstRow], g)
		}
	}
	return m
}

// row returns the cells of 0-based row r with the labels of the merges
// over it; cells of a merge's first row give the merge its value.
func (m *xlsMergedDown) row(r int, cells []string) []string {
	if len(m.starts) == 0 {
		return cells
	}
	var labels []mergedLabel
	kept := m.open[:0]
	for _, o := range m.open {
		if r > o.lastRow {
			continue
		}
		kept = append(kept, o)
		labels = append(labels, mergedLabel{col: o.firstCol, value: o.value})
	}
	m.open = kept
	for _, g := range m.starts[r] {
		if g.firstCol < len(cells) && cleanCell(cells[g.firstCol]) != "" {
			m.open = append(m.open, openMerge{g, cells[g.firstCol]})
		}
	}
	return withMergedLabels(cells, labels)
}

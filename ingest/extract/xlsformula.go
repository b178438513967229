package extract

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// xlsReader skips FORMULA records, so a workbook's totals (合计 = SUM(…))
// would vanish. Their last computed values are stored in the file, and
// reading them is a small part of BIFF8 ([MS-XLS] 2.4.127 FORMULA, 2.4.268
// STRING, 2.4.28 BoundSheet8): this file reads just that, with mscfb.

// xlsFormulaValue is the cached result of one formula cell.
type xlsFormulaValue struct {
	xf    int
	num   float64
	text  string
	isNum bool
}

type xlsCell struct{ row, col int }

// maxXLSFormulas bounds the formula cells read from one workbook.
const maxXLSFormulas = 1_000_000

// xlsSheetRecords is what xlsReader does not give of one sheet: its
// formula results and its merged cells.
type xlsSheetRecords struct {
	formulas map[xlsCell]xlsFormulaValue
	merges   []mergeRange
}

// readXLSFormulas returns the formula results and merged cells of each
// sheet, in the order of the workbook's BoundSheet records (the order
// xlsReader lists sheets in).
func readXLSFormulas(path string, maxStream int64) ([]xlsSheetRecords, error) {
	stream, err := readWorkbookStream(path, maxStream)
	if err != nil {
		return nil, err
	}
	var offsets []int
	for off := 0; off+4 <= len(stream); {
		typ, data, next := biffRecord(stream, off)
		if typ == 0x0085 && len(data) >= 4 { // BoundSheet8
			offsets = append(offsets, int(binary.LittleEndian.Uint32(data)))
		}
		if typ == 0x000A { // EOF of the workbook globals
			break
		}
		off = next
	}
	sheets := make([]xlsSheetRecords, len(offsets))
	total := 0
	for i, off := range offsets {
		sheets[i].formulas = map[xlsCell]xlsFormulaValue{}
		if off < 0 || off >= len(stream) {
			continue
		}
		n, err := readSheetFormulas(stream, off, sheets[i].formulas, maxXLSFormulas-total)
		if err != nil {
			return nil, err
		}
		total += n
		sheets[i].merges = readSheetMerges(stream, off)
	}
	return sheets, nil
}

func readWorkbookStream(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := mscfb.New(f)
	if err != nil {
		return nil, fmt.Errorf("open ole: %v: %w", err, errXLSCorrupt())
	}
	for _, e := range r.File {
		if len(e.Path) == 0 && (e.Name == "Workbook" || e.Name == "Book") {
			b, err := io.ReadAll(io.LimitReader(e, max))
			if err != nil {
				return nil, fmt.Errorf("read workbook stream: %v: %w", err, errXLSCorrupt())
			}
			return b, nil
		}
	}
	return nil, fmt.Errorf("no workbook stream: %w", errXLSCorrupt())
}

// biffRecord returns the record at off, its data (cut at the stream's end)
// and the offset of the next record.
func biffRecord(stream []byte, off int) (typ uint16, data []byte, next int) {
	typ = binary.LittleEndian.Uint16(stream[off:])
	size := int(binary.LittleEndian.Uint16(stream[off+2:]))
	end := min(off+4+size, len(stream))
	return typ, stream[off+4 : end], off + 4 + size
}

// readSheetFormulas reads the FORMULA records of the sheet substream at off
// (up to its EOF), with the STRING record that follows a string result.
func readSheetFormulas(stream []byte, off int, out map[xlsCell]xlsFormulaValue, limit int) (int, error) {
	var pending *xlsCell // a formula whose string result comes next
	n := 0
	for off+4 <= len(stream) {
		typ, data, next := biffRecord(stream, off)
		off = next
		switch typ {
		case 0x000A: // EOF
			return n, nil
		case 0x0006: // FORMULA
			pending = nil
			if len(data) < 14 {
				continue
			}
			if n++; n > limit {
				return n, errTableTooLarge()
			}
			c := xlsCell{int(binary.LittleEndian.Uint16(data)), int(binary.LittleEndian.Uint16(data[2:]))}
			v := xlsFormulaValue{xf: int(binary.LittleEndian.Uint16(data[4:]))}
			val := data[6:14]
			switch {
			case val[6] != 0xFF || val[7] != 0xFF:
				v.num, v.isNum = math.Float64frombits(binary.LittleEndian.Uint64(val)), true
			case val[0] == 0: // a string, in the next STRING record
				pending = &c
			case val[0] == 1:
				v.text = map[bool]string{true: "TRUE", false: "FALSE"}[val[2] != 0]
			case val[0] == 2:
				v.text = "#ERROR"
			}
			out[c] = v
		case 0x0207: // STRING
			if pending != nil {
				v := out[*pending]
				v.text = xlUnicodeString(data)
				out[*pending] = v
				pending = nil
			}
		}
	}
	return n, nil
}

// xlUnicodeString decodes an XLUnicodeString: a 16-bit character count, a
// flags byte (bit 0: two bytes per character), the characters.
func xlUnicodeString(data []byte) string {
	if len(data) < 3 {
		return ""
	}
	cch := int(binary.LittleEndian.Uint16(data))
	wide := data[2]&1 != 0
	chars := data[3:]
	if !wide {
		b := make([]rune, 0, cch)
		for i := 0; i < cch && i < len(chars); i++ {
			b = append(b, rune(chars[i])) // "compressed": the high bytes are zero
		}
		return string(b)
	}
	u := make([]uint16, 0, cch)
	for i := 0; i < cch && 2*i+1 < len(chars); i++ {
		u = append(u, binary.LittleEndian.Uint16(chars[2*i:]))
	}
	return string(utf16.Decode(u))
}

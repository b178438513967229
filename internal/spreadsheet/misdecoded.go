package spreadsheet

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// A UTF-8 CSV opened in LibreOffice or Excel as Latin-1 or Windows-1252
// and saved again holds, in every cell, the three Latin letters and signs
// of each Chinese character's bytes: 指标编码 reads æŒ‡æ ‡ç¼–ç . Such a
// table has no heading FindHeading knows, and the person who saved it
// needs to hear why rather than that a column is missing.

// Misdecoded reports whether records (a table's first rows) look like
// UTF-8 text read as Latin-1 or Windows-1252: some cell turns back into
// UTF-8 holding two Han characters or more, and no cell holds a Han
// character as it is (a table with Chinese in it was read right, whatever
// else a cell holds).
func Misdecoded(records [][]string) bool {
	found := false
	for _, rec := range records {
		for _, cell := range rec {
			for _, r := range cell {
				if unicode.Is(unicode.Han, r) {
					return false
				}
			}
			found = found || latinHoldsHan(cell)
		}
	}
	return found
}

// latinHoldsHan reports whether cell, each rune taken back to the byte
// Latin-1 or Windows-1252 reads it from, is UTF-8 with two Han characters
// or more. A rune no such byte gives means the cell is something else.
func latinHoldsHan(cell string) bool {
	raw := make([]byte, 0, len(cell))
	for _, r := range cell {
		b, ok := latinByte(r)
		if !ok {
			return false
		}
		raw = append(raw, b)
	}
	han := 0
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if unicode.Is(unicode.Han, r) {
			han++
		}
		raw = raw[size:]
	}
	return han >= 2
}

// latinByte is the byte r was read from as Latin-1 or Windows-1252; the
// bytes 1252 leaves undefined come as U+0080–U+009F, or from LibreOffice
// as U+F180–U+F19F.
func latinByte(r rune) (byte, bool) {
	switch {
	case r < 0x100:
		return byte(r), true
	case r >= 0xf180 && r <= 0xf19f:
		return byte(r - 0xf100), true
	}
	return charmap.Windows1252.EncodeRune(r)
}

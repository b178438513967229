package claims

import "strings"

// cellGap is what was dropped between two kept characters: how many
// spaces (a single line break counts as one, U+3000 as two: a full-width
// space alone parts a row's cells in Word and OCR text, 上城区　45　52),
// how many line breaks, whether a cell break (a bar of cellBars or a
// tab) and whether anything else (a '-', ':' or '—' of 2021 - 2025).
type cellGap struct {
	spaces, lines int
	bar, other    bool
}

// see notes r, dropped, in the gap.
func (g *cellGap) see(r rune) {
	switch {
	case r == '\n':
		g.lines++
		g.spaces++
	case r == '\t' || strings.ContainsRune(cellBars, r):
		g.bar = true
	case r == '\u3000':
		g.spaces += 2
	case r == ' ' || r == '\r':
		g.spaces++
	default:
		g.other = true
	}
}

// cellBars are the bars a table's cells are written between.
const cellBars = "|\uFF5C\u00A6\u2502\u2503"

// digitAfter is how a digit kept after another is written, the gap
// between them being g: cellDigit after a cell break (a bar, a tab, an
// empty line — the break between rows — or two spaces or more on one
// line, as OCR text and a PDF table that does not line up part cells:
// 上城区  45  52), spacedDigit after one space alone (it may part two
// cells or group or space out the digits of one number, 12 000 or 2 0 2
// 3: it is read either way), else as itself (a number broken over two
// lines, or 2021 - 2025, whose spaces are around the dash, not between
// the digits).
func (g cellGap) digitAfter(d rune) rune {
	switch {
	case g.bar || g.lines >= 2 || g.spaces-g.lines >= 2 && !g.other:
		return d - '0' + cellDigitBase
	case g.other:
		return d
	case g.spaces > 0:
		return d - '0' + spacedDigitBase
	}
	return d
}

// cellDigitBase and spacedDigitBase are added to a digit that follows
// another across a cell break or spaces (digitAfter): code points of a
// private-use plane that no text writes.
const (
	cellDigitBase   = 0x10FF00
	spacedDigitBase = 0x10FF10
)

// plainDigit is r with a cell or spaced digit read as its digit.
func plainDigit(r rune) rune {
	switch {
	case r >= cellDigitBase && r <= cellDigitBase+9:
		return r - cellDigitBase + '0'
	case r >= spacedDigitBase && r <= spacedDigitBase+9:
		return r - spacedDigitBase + '0'
	}
	return r
}

// isCellDigit reports whether r is a digit kept as a cell's first.
func isCellDigit(r rune) bool { return r >= cellDigitBase && r <= cellDigitBase+9 }

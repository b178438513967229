package claims

import "strings"

// cellGap is what was dropped between two kept characters: how many
// plain spaces, and whether anything else that parts cells (cellBreak).
type cellGap struct {
	spaces int
	other  bool
}

// see notes r, dropped, in the gap.
func (g *cellGap) see(r rune) {
	switch {
	case r == ' ':
		g.spaces++
	case r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || strings.ContainsRune(cellBars, r):
		g.other = true
	}
}

// cellBars are the bars a table's cells are written between.
const cellBars = "|\uFF5C\u00A6\u2502\u2503"

// digitAfter is how a digit kept after another is written, the gap
// between them being g: spacedDigit after one space in a page, cellDigit
// after a bar, a tab, a line break or two spaces, or any space in a
// quote; else as itself. One space in a page may part two cells or space
// out the digits of 2 0 2 3, as a PDF may: it is read either way.
func (g cellGap) digitAfter(d rune, quote bool) rune {
	switch {
	case g.other || g.spaces >= 2 || quote && g.spaces > 0:
		return d - '0' + cellDigitBase
	case g.spaces == 1:
		return d - '0' + spacedDigitBase
	}
	return d
}

// cellDigitBase and spacedDigitBase are added to a digit that follows
// another across a cell break or one space (digitAfter): code points of
// a private-use plane that no text writes.
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

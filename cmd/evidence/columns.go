package main

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// displayWidth is how many columns s takes in a terminal: a Chinese
// character (wide or full-width) two, anything else one. With
// ambiguousWide, as in Chinese output (--lang zh), the East-Asian-ambiguous
// characters (·, —, “”) count two as well, as a CJK terminal shows them.
func displayWidth(s string, ambiguousWide bool) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		case width.EastAsianAmbiguous:
			if ambiguousWide {
				n += 2
			} else {
				n++
			}
		default:
			n++
		}
	}
	return n
}

// writeColumns writes rows as a table whose columns line up by display
// width (部门联系人 is ten columns wide, not five runes or fifteen bytes),
// two spaces apart; the last column is not padded. ambiguousWide is
// displayWidth's: true for Chinese output.
func writeColumns(w io.Writer, rows [][]string, ambiguousWide bool) error {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(cell, ambiguousWide))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			if i == len(row)-1 {
				b.WriteString(cell)
				break
			}
			b.WriteString(cell + strings.Repeat(" ", widths[i]-displayWidth(cell, ambiguousWide)+2))
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

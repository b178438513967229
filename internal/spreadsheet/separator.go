package spreadsheet

import (
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// separators are the separators a table saved as text uses, in the order
// a tie between them is settled.
var separators = [...]byte{',', '\t', ';'}

// Separator returns the separator of delimited text: ',', '\t' or ';'.
// Each of its first records that holds anything (MaxHeadingRow of them,
// within 64 KiB) votes for the separator that splits it into the most
// cells, two at least; the one with the most votes wins, ',' when none
// has any. A record is read as encoding/csv reads it: a cell that starts
// with a quote goes on, over lines too, to its closing quote, and what it
// holds is not counted. So a title line of tabs above a comma heading,
// and tabs inside a quoted cell of several lines, outvote nothing.
// ReadDelimited and the document extractor both choose by it.
func Separator(text string) rune {
	text = text[:min(len(text), 64<<10)]
	var votes, counts [len(separators)]int
	quoted, start, filled, records := false, true, false, 0
	endRecord := func() {
		best := -1
		for i, n := range counts {
			if n > 0 && (best < 0 || n > counts[best]) {
				best = i
			}
		}
		if best >= 0 {
			votes[best]++
		}
		if filled {
			records++
		}
		counts, filled = [len(separators)]int{}, false
	}
	for i := 0; i < len(text) && records < MaxHeadingRow; i++ {
		b := text[i]
		switch {
		case quoted && b == '"' && i+1 < len(text) && text[i+1] == '"':
			i++ // a doubled quote inside a quoted cell
		case quoted && b == '"':
			quoted = false
		case quoted:
		case b == '"' && start:
			quoted, filled = true, true
		case b == '\n':
			endRecord()
			start = true
			continue
		case isSeparator(b):
			counts[strings.IndexByte(string(separators[:]), b)]++
			filled, start = true, true
			continue
		case b != ' ' && b != '\r':
			filled = true
		}
		start = false
	}
	if records < MaxHeadingRow {
		endRecord()
	}
	best := 0
	for i, n := range votes {
		if n > votes[best] {
			best = i
		}
	}
	return rune(separators[best])
}

func isSeparator(b byte) bool {
	return b == ',' || b == '\t' || b == ';'
}

// TabFields splits a line of tab-separated text into its cells, on its
// tabs alone: offices' tab-separated exports do not quote, so a quote in
// a cell ("十四五"规划) is text, wherever it stands. A cell quoted as
// Excel quotes one (a quote at both ends, those inside doubled) is
// unquoted.
func TabFields(line string) []string {
	cells := strings.Split(line, "\t")
	for i, c := range cells {
		cells[i] = unquoteCell(c)
	}
	return cells
}

// unquoteCell is c without Excel's quotes when c is quoted whole, else c.
func unquoteCell(c string) string {
	if len(c) < 2 || c[0] != '"' || c[len(c)-1] != '"' {
		return c
	}
	inner := c[1 : len(c)-1]
	if strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`) {
		return c
	}
	return strings.ReplaceAll(inner, `""`, `"`)
}

// readTabbed returns the records of tab-separated text as ReadDelimited
// does: line by line, split by TabFields.
func readTabbed(text string, maxRows int) ([][]string, error) {
	var records [][]string
	empty := 0 // empty lines not yet kept: only a later row keeps them
	for line := range strings.Lines(text) {
		rec := TabFields(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))
		last := len(rec)
		for last > 0 && rec[last-1] == "" {
			last--
		}
		if last == 0 {
			empty++
			continue
		}
		if last > MaxColumns {
			return nil, catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列;请只保留需要导入的列后再导入", len(records)+empty+1, MaxColumns)
		}
		if len(records)+empty+1 > maxRows {
			return nil, ErrTooManyRows
		}
		for ; empty > 0; empty-- {
			records = append(records, nil)
		}
		records = append(records, rec[:last])
	}
	return records, nil
}

package spreadsheet

import (
	"iter"
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

// maxQuotedCell bounds, in bytes, how far a quoted cell of tab-separated
// text is looked through for its closing quote: Excel's cells hold at
// most 32,767 characters.
const maxQuotedCell = 32767 * 4

// TabRecords returns the records of tab-separated text, in order, each
// without its line end: a line split on its tabs alone, as offices'
// tab-separated exports do not quote (a quote in a cell, "十四五"规划, is
// text wherever it stands), except that a cell Excel quoted because it holds a line break (a quote
// at the cell's start, the closing one before a tab or a line end within
// maxQuotedCell, those inside doubled) goes on over its lines to its
// close and is unquoted, as Excel writes a cell of several lines. A cell
// whose quote closes nowhere so is text as it stands. ReadDelimited and
// the document extractor both read tab-separated text by it.
func TabRecords(text string) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		for len(text) > 0 {
			var rec []string
			rec, text = tabRecord(text)
			if !yield(rec) {
				return
			}
		}
	}
}

// tabRecord splits the first record off text.
func tabRecord(text string) (rec []string, rest string) {
	for {
		cell, n, quoted := quotedCell(text)
		if !quoted {
			n = strings.IndexAny(text, "\t\n")
			if n < 0 {
				n = len(text)
			}
			cell = strings.TrimSuffix(text[:n], "\r")
		}
		rec, text = append(rec, cell), text[n:]
		switch {
		case text == "":
			return rec, ""
		case text[0] == '\t':
			text = text[1:]
		default: // a line end, after a quoted cell perhaps a CR first
			return rec, text[strings.IndexByte(text, '\n')+1:]
		}
	}
}

// quotedCell reads the cell text starts with when it is quoted whole:
// its value and its length in text, up to its closing quote.
func quotedCell(text string) (cell string, n int, ok bool) {
	if !strings.HasPrefix(text, `"`) {
		return "", 0, false
	}
	for i := 1; i < min(len(text), maxQuotedCell); {
		k := strings.IndexByte(text[i:min(len(text), maxQuotedCell)], '"')
		if k < 0 {
			return "", 0, false
		}
		q := i + k
		switch after := text[q+1:]; {
		case strings.HasPrefix(after, `"`):
			i = q + 2 // a doubled quote inside
		case after == "", after[0] == '\t', after[0] == '\n', strings.HasPrefix(after, "\r\n"):
			return strings.ReplaceAll(text[1:q], `""`, `"`), q + 1, true
		default:
			return "", 0, false // a quote in the text: "十四五"规划
		}
	}
	return "", 0, false
}

// readTabbed returns the records of tab-separated text as ReadDelimited
// does, read by TabRecords.
func readTabbed(text string, maxRows int) ([][]string, error) {
	var records [][]string
	empty := 0 // empty lines not yet kept: only a later row keeps them
	for rec := range TabRecords(text) {
		last := len(rec)
		for last > 0 && rec[last-1] == "" {
			last--
		}
		if last == 0 {
			empty++
			continue
		}
		if last > MaxColumns {
			return nil, catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列；请只保留需要导入的列后再导入", len(records)+empty+1, MaxColumns)
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

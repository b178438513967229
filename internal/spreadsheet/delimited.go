package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// A table saved as CSV by Excel in China is GBK/GB18030; a government
// system's "Excel" export, or WPS's, is often tab-separated text named
// .xls, in UTF-8 or GB18030, and Excel's 文本文件(制表符分隔) or Unicode
// text is UTF-16 with a BOM. ReadDelimited reads them all as the rows of
// a sheet.

// ReadDelimited returns the records of comma-, tab- or semicolon-separated
// text data: the separator is the one Separator picks from its first
// records; the encoding UTF-8 (with or without a BOM), UTF-16 with a BOM,
// else GB18030. Record i is line i+1, an empty line an empty record,
// trailing empty cells dropped. Tab-separated text is split on its tabs
// by TabRecords. More than maxRows records is ErrTooManyRows; every
// other problem is a *catalog.Error saying what to do.
func ReadDelimited(data []byte, maxRows int) ([][]string, error) {
	text, _, err := DecodeText(data)
	if err != nil {
		return nil, catalog.Errorf(catalog.EINVALID, "CSV 编码无法识别；请另存为 UTF-8 CSV")
	}
	sep := Separator(text)
	if n, row := widestRecord(text, sep); n > maxCSVFields {
		return nil, catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列；请只保留需要导入的列后再导入", row, MaxColumns)
	}
	if sep == '\t' {
		return readTabbed(text, maxRows)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	var records [][]string
	lastLine := 0 // the line the record before ended on
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "CSV 格式错误：%v", err)
		}
		// encoding/csv passes over empty lines, which a spreadsheet
		// shows as empty rows: they keep their place, so that a row is
		// named by the number a person sees beside it.
		line, _ := r.FieldPos(0)
		for ; lastLine+1 < line && len(records) <= maxRows; lastLine++ {
			records = append(records, nil)
		}
		end, _ := r.FieldPos(len(rec) - 1)
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		last := len(rec)
		for last > 0 && rec[last-1] == "" {
			last--
		}
		if last > MaxColumns {
			return nil, catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列；请只保留需要导入的列后再导入", len(records)+1, MaxColumns)
		}
		records = append(records, slices.Clone(rec[:last]))
		if len(records) > maxRows {
			return nil, ErrTooManyRows
		}
	}
	return records, nil
}

// maxCSVFields bounds the fields of a record, empty ones included, before
// it is parsed: each costs a string header, and ten MiB of commas would
// be ten million of them. A sheet has at most 16,384 columns.
const maxCSVFields = 16384

// firstLines are the first lines of text that hold anything, up to
// MaxHeadingRow of them: where a heading is looked for.
func firstLines(text string) []string {
	var lines []string
	for line := range strings.Lines(text[:min(len(text), 64<<10)]) {
		if strings.TrimSpace(line) != "" {
			if lines = append(lines, line); len(lines) == MaxHeadingRow {
				break
			}
		}
	}
	return lines
}

// widestRecord returns the most fields a record of text has, counting the
// separators outside quotes (tab-separated text has none), and its
// 1-based number.
func widestRecord(text string, sep rune) (fields, record int) {
	quoted, quotes := false, sep != '\t'

	n, rec := 1, 1
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case b == '"' && quotes:
			quoted = !quoted
		case quoted:
		case rune(b) == sep:
			n++
		case b == '\n':
			if n > fields {
				fields, record = n, rec
			}
			n = 1
			rec++
		}
	}
	if n > fields {
		fields, record = n, rec
	}
	return fields, record
}

// looksDelimited reports data that is text (LooksText) with a comma, a tab or a semicolon in one of its
// first lines: a table saved as text, whatever its name. Text that starts
// with a tag ("<?xml", "<"), as Excel 2003's XML Spreadsheet saved as .xls
// does, is markup, not a table.
func looksDelimited(data []byte) bool {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return true
	}
	head := data[:min(len(data), 4096)]
	if bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n\f"), []byte("<")) || !LooksText(head) {
		return false
	}
	return slices.ContainsFunc(firstLines(string(head)), func(line string) bool { return strings.ContainsAny(line, ",\t;") })
}

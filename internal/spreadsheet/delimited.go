package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// A table saved as CSV by Excel in China is GBK/GB18030; a government
// system's "Excel" export, or WPS's, is often tab-separated text named
// .xls, in UTF-8 or GB18030, and Excel's 文本文件(制表符分隔) or Unicode
// text is UTF-16 with a BOM. ReadDelimited reads them all as the rows of
// a sheet.

// ReadDelimited returns the records of comma- or tab-separated text data:
// the separator is the one of the two found more often on its first line
// outside quotes (a comma when neither is); the encoding UTF-8 (with or
// without a BOM), UTF-16 with a BOM, else GB18030. Record i is line i+1,
// an empty line an empty record, trailing empty cells dropped. More than
// maxRows records is ErrTooManyRows; every other problem is a
// *catalog.Error saying what to do.
func ReadDelimited(data []byte, maxRows int) ([][]string, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	sep := separatorOf(text)
	if n, row := widestRecord(text, sep); n > maxCSVFields {
		return nil, catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列;请只保留需要导入的列后再导入", row, MaxColumns)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	// Tab-separated exports do not quote: a cell's “"十四五"规划” keeps
	// its quotation marks.
	r.LazyQuotes = sep == '\t'
	var records [][]string
	lastLine := 0 // the line the record before ended on
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "CSV 格式错误:%v", err)
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
			return nil, catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列;请只保留需要导入的列后再导入", len(records)+1, MaxColumns)
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

// decodeText is data as UTF-8: without its BOM, from UTF-16 when a BOM
// says so, from GB18030 when it is not UTF-8.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		decoded, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", catalog.Errorf(catalog.EINVALID, "CSV 编码无法识别;请另存为 UTF-8 CSV")
		}
		return string(decoded), nil
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	// Excel in China saves CSV as GBK/GB18030.
	decoded, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", catalog.Errorf(catalog.EINVALID, "CSV 编码无法识别;请另存为 UTF-8 CSV")
	}
	return string(decoded), nil
}

// separatorOf is '\t' when the first lines (a title row may come before
// the heading) have more tabs than commas outside quotes, else ','.
func separatorOf(text string) rune {
	commas, tabs := 0, 0
	for _, line := range firstLines(text) {
		quoted := false
		for _, c := range line {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == ',':
				commas++
			case c == '\t':
				tabs++
			}
		}
	}
	if tabs > commas {
		return '\t'
	}
	return ','
}

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
// separators outside quotes, and its 1-based number.
func widestRecord(text string, sep rune) (fields, record int) {
	quoted := false
	n, rec := 1, 1
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case b == '"':
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

// looksDelimited reports data that is text (no NUL byte, few control
// characters, or UTF-16 with a BOM) with a comma or a tab in one of its
// first lines: a table saved as text, whatever its name.
func looksDelimited(data []byte) bool {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return true
	}
	head := data[:min(len(data), 4096)]
	controls := 0
	for _, c := range head {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f':
			controls++
		}
	}
	if controls*20 > len(head) {
		return false
	}
	return slices.ContainsFunc(firstLines(string(head)), func(line string) bool { return strings.ContainsAny(line, ",\t") })
}

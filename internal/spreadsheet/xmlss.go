package spreadsheet

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// Government systems export "Excel" as Excel 2003's XML Spreadsheet
// (SpreadsheetML) named .xls: an XML document whose Workbook holds
// Worksheets of Rows of Cells, a cell placed by ss:Index when cells
// before it are empty and merged by ss:MergeAcross and ss:MergeDown.
// Excel opens it as a workbook; ReadXMLSpreadsheet reads it so.
//
// encoding/xml expands no entity but the five XML predefines and
// character references (a DOCTYPE is a token passed over, an entity it
// declares unknown and an error), so an entity that grows a billion
// times cannot be written; elements nested deeper than maxXMLDepth are
// refused, and so is a workbook past MaxXMLSheets sheets, maxRows rows,
// MaxColumns columns, maxMerges merges or maxPaddedCells cells.

// xmlssNamespace is the namespace of SpreadsheetML's elements.
const xmlssNamespace = "urn:schemas-microsoft-com:office:spreadsheet"

// maxXMLDepth bounds how deep elements nest: a workbook's cells sit five
// deep, rich text inside them a few more.
const maxXMLDepth = 64

// maxXMLCellText bounds the text of one cell: Excel's is 32,767
// characters.
const maxXMLCellText = 1 << 20

// MaxXMLSheets bounds the sheets read of one workbook.
const MaxXMLSheets = 256

// maxPaddedRows bounds the empty rows a workbook's sheets are padded with
// before their rows, all sheets together: one sheet with a value in
// Excel's last row (1,048,576) fits.
const maxPaddedRows = 1 << 20

// LooksXMLSpreadsheet reports data that starts as Excel 2003's XML
// Spreadsheet does: markup naming SpreadsheetML's namespace or Excel's
// progid in its first 4 KiB, in UTF-8 or UTF-16 with a BOM.
func LooksXMLSpreadsheet(data []byte) bool {
	head := data[:min(len(data), 4096)]
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		head, _ = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(head[:len(head)&^1])
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n\f")
	if !bytes.HasPrefix(head, []byte("<")) {
		return false
	}
	return bytes.Contains(head, []byte(xmlssNamespace)) || bytes.Contains(bytes.ToLower(head), []byte(`progid="excel.sheet"`))
}

// ReadXMLSpreadsheet returns the first maxSheets sheets (at most
// MaxXMLSheets) of the Excel 2003 XML Spreadsheet data, each as an
// XLSReader returns a sheet: record i is the sheet's row i+1, an empty
// row empty, trailing empty cells dropped, cells as written (a number
// without float noise, a date as 2018-03-31) or, a number whose style's
// NumberFormat shows a percentage, as Excel shows it (0.565 as 56.5%),
// merged ranges in Merges and not filled. A row past maxRows that holds something is ErrTooManyRows;
// XML that is not well-formed, or holds no Workbook, a *catalog.Error
// saying it is damaged; the bounds above, a *catalog.Error saying what to
// do; ctx ending, its error.
func ReadXMLSpreadsheet(ctx context.Context, data []byte, maxSheets, maxRows int) ([]Sheet, error) {
	r := &xmlssReader{maxRows: maxRows, maxSheets: min(maxSheets, MaxXMLSheets)}
	d := xml.NewDecoder(xmlUTF8(data))
	d.CharsetReader = xmlCharsetReader
	for tokens := 1; ; tokens++ {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errXMLDamaged()
		}
		if tokens%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		done, err := r.token(tok)
		if err != nil {
			return nil, err
		}
		if done {
			break
		}
	}
	if !r.workbook {
		return nil, errXMLDamaged()
	}
	return r.sheets, nil
}

// xmlUTF8 is data, decoded when a UTF-16 BOM says it is UTF-16 (whose
// declaration then names an encoding xmlCharsetReader passes over).
func xmlUTF8(data []byte) io.Reader {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Reader(bytes.NewReader(data))
	}
	return bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
}

// xmlCharsetReader decodes the encoding an XML declaration names (gb2312,
// GBK, GB18030 as GB18030); UTF-16 was decoded before.
func xmlCharsetReader(label string, input io.Reader) (io.Reader, error) {
	switch l := strings.ToLower(strings.TrimSpace(label)); {
	case strings.HasPrefix(l, "utf-16"), l == "unicode":
		return input, nil
	case l == "gb2312", l == "gbk":
		label = "gb18030"
	}
	return charset.NewReaderLabel(label, input)
}

func errXMLDamaged() error {
	return catalog.Errorf(catalog.EINVALID, "XML 电子表格 2003 已损坏，无法读取；请用 Excel 或 WPS 打开，另存为 .xlsx 后重新提交")
}

func errXMLTooLarge() error {
	return catalog.Errorf(catalog.ETOOLARGE, "XML 电子表格 2003 过大；请用 Excel 或 WPS 打开，另存为 .xlsx 后重新提交")
}

// xmlssReader reads a workbook token by token.
type xmlssReader struct {
	maxRows, maxSheets int
	workbook           bool
	depth              int
	sheets             []Sheet
	sheet              *Sheet // the sheet being read
	row                []string
	rowAt, cellAt      int // 0-based: the row being read, the next cell's column
	inRow              bool
	rowSpan            int              // the rows past its own the row being read spans (ss:Span)
	cell               *strings.Builder // the Data being read
	cellStyle          string           // the ss:StyleID of the cell being read
	styleID            string           // the ss:ID of the Style being read
	percent            map[string]int   // the decimals of the styles that show a number as a percentage
	cellType           string
	dataDepth          int   // the depth of the Data being read
	across             int   // the columns the cell being read spans past its own
	covered            []int // covered[c]: the row up to which column c is merged from above
	cells              int
	padded             int // the empty rows the sheets were padded with
	tooMany            bool
}

// token reads one raw token; done is true once maxSheets sheets are read.
func (r *xmlssReader) token(tok xml.Token) (done bool, err error) {
	switch t := tok.(type) {
	case xml.StartElement:
		if r.depth++; r.depth > maxXMLDepth {
			return false, catalog.Errorf(catalog.ETOOLARGE, "XML 电子表格 2003 嵌套超过 %d 层；请用 Excel 或 WPS 打开，另存为 .xlsx 后重新提交", maxXMLDepth)
		}
		return false, r.start(t)
	case xml.EndElement:
		r.depth--
		return r.end(t.Name.Local)
	case xml.CharData:
		if r.cell == nil {
			break
		}
		if r.cell.Len()+len(t) > maxXMLCellText {
			return false, catalog.Errorf(catalog.ETOOLARGE, "XML 电子表格 2003 的第 %d 行有单元格文字超过 %d MiB，无法读取；请用 Excel 或 WPS 打开，另存为 .xlsx", r.rowAt+1, maxXMLCellText>>20)
		}
		r.cell.Write(t)
	}
	return false, nil
}

// start opens an element.
func (r *xmlssReader) start(t xml.StartElement) error {
	switch name := t.Name.Local; {
	case r.cell != nil: // rich text inside a cell's Data
	case name == "Workbook":
		r.workbook = true
	case !r.workbook:
	case name == "Style" && r.sheet == nil:
		r.styleID = xmlssAttr(t, "ID")
	case name == "NumberFormat" && r.sheet == nil && r.styleID != "":
		if d, ok := percentDecimals(xmlssAttr(t, "Format")); ok && len(r.percent) < maxXMLStyles {
			if r.percent == nil {
				r.percent = map[string]int{}
			}
			r.percent[r.styleID] = d
		}
	case name == "Worksheet" && r.sheet == nil:
		r.sheet, r.rowAt, r.covered = &Sheet{Name: xmlssAttr(t, "Name")}, 0, r.covered[:0]
	case r.sheet == nil:
	case name == "Row":
		if err := r.endRow(); err != nil {
			return err
		}
		if i, ok := xmlssIndex(t); ok && i > r.rowAt {
			r.rowAt = i
		}
		span, _ := strconv.Atoi(strings.TrimSpace(xmlssAttr(t, "Span")))
		r.rowSpan = min(max(0, span), r.maxRows) // bounded before rowAt adds it
		r.row, r.cellAt, r.inRow = r.row[:0], 0, true
	case name == "Cell" && r.inRow:
		return r.startCell(t)
	case name == "Data" && r.inRow && r.depth == r.dataDepth:
		r.cell, r.cellType = &strings.Builder{}, xmlssAttr(t, "Type")
	}
	return nil
}

// startCell places a cell: at its ss:Index, else after the one before
// in the first column not merged from above (Excel and LibreOffice write
// no cell for those), its merged range recorded.
func (r *xmlssReader) startCell(t xml.StartElement) error {
	if i, ok := xmlssIndex(t); ok && i > r.cellAt {
		r.cellAt = i
	} else {
		for r.cellAt < len(r.covered) && r.covered[r.cellAt] > r.rowAt {
			r.cellAt++
		}
	}
	across, _ := strconv.Atoi(xmlssAttr(t, "MergeAcross"))
	down, _ := strconv.Atoi(xmlssAttr(t, "MergeDown"))
	// bounded before any sum: 2⁶³−1 columns would wrap round past the check
	across, down = min(max(0, across), MaxColumns), min(max(0, down), r.maxRows)
	if r.cellAt+across+1 > MaxColumns {
		return catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列；请只保留需要导入的列后再导入", r.rowAt+1, MaxColumns)
	}
	if r.cells += r.cellAt + 1 - len(r.row); r.cells > maxPaddedCells {
		return errXMLTooLarge()
	}
	for len(r.row) <= r.cellAt {
		r.row = append(r.row, "")
	}
	if across > 0 || down > 0 {
		if len(r.sheet.Merges) >= maxMerges {
			return catalog.Errorf(catalog.EINVALID, "表格的合并单元格超过 %d 处；请取消合并后再导入", maxMerges)
		}
		r.sheet.Merges = append(r.sheet.Merges, Merge{Top: r.rowAt, Left: r.cellAt, Bottom: r.rowAt + down, Right: r.cellAt + across})
		for len(r.covered) <= r.cellAt+across {
			r.covered = append(r.covered, 0)
		}
		for c := r.cellAt; c <= r.cellAt+across && down > 0; c++ {
			r.covered[c] = r.rowAt + down + 1
		}
	}
	r.across, r.dataDepth = across, r.depth+1 // a Data directly inside: not a Comment's
	r.cellStyle = xmlssAttr(t, "StyleID")
	return nil
}

// end closes an element named name.
func (r *xmlssReader) end(name string) (done bool, err error) {
	switch {
	case r.cell != nil && name == "Data" && r.depth+1 == r.dataDepth:
		r.row[r.cellAt] = xmlssValue(r.cell.String(), r.cellType)
		if d, ok := r.percent[r.cellStyle]; ok && r.cellType == "Number" {
			r.row[r.cellAt] = percentValue(r.row[r.cellAt], d)
		}
		r.cell = nil
	case r.cell != nil:
	case name == "Cell" && r.inRow:
		r.cellAt += 1 + r.across
		r.across, r.dataDepth = 0, -1
	case name == "Row" && r.sheet != nil:
		return false, r.endRow()
	case name == "Worksheet" && r.sheet != nil:
		if err := r.endRow(); err != nil {
			return false, err
		}
		if r.tooMany {
			return true, ErrTooManyRows
		}
		r.sheets = append(r.sheets, *r.sheet)
		r.sheet = nil
		return len(r.sheets) >= r.maxSheets, nil
	}
	return false, nil
}

// endRow puts the row being read, if any, in its place, after the empty
// rows ss:Index passed over; the next row follows the rows it spans
// (ss:Span). A row past maxRows that holds anything is left out and the
// sheet marked tooMany; the empty rows before it count as cells, each
// one, against maxPaddedCells, and against maxPaddedRows: a row at
// ss:Index 1,000,000 on each of a few hundred sheets would take gigabytes
// of them.
func (r *xmlssReader) endRow() error {
	if !r.inRow {
		return nil
	}
	last := len(r.row)
	for last > 0 && r.row[last-1] == "" {
		last--
	}
	switch {
	case last == 0:
	case r.rowAt >= r.maxRows:
		r.tooMany = true
	default:
		pad := r.rowAt - len(r.sheet.Records)
		if r.cells, r.padded = r.cells+pad, r.padded+pad; r.cells > maxPaddedCells || r.padded > maxPaddedRows {
			return errXMLTooLarge()
		}
		// grown once: a slice appended to a million times over allocates
		// five times its size as it grows
		r.sheet.Records = slices.Grow(r.sheet.Records, pad+1)
		for len(r.sheet.Records) < r.rowAt {
			r.sheet.Records = append(r.sheet.Records, nil)
		}
		r.sheet.Records = append(r.sheet.Records, append([]string(nil), r.row[:last]...))
	}
	r.rowAt += 1 + r.rowSpan
	r.inRow, r.rowSpan = false, 0
	return nil
}

// xmlssAttr is the value of the attribute of t named local, in
// SpreadsheetML's namespace, none, or the prefix ss left undeclared.
func xmlssAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (a.Name.Space == xmlssNamespace || a.Name.Space == "" || a.Name.Space == "ss") {
			return a.Value
		}
	}
	return ""
}

// xmlssIndex is t's ss:Index, 0-based, and whether it has a valid one.
func xmlssIndex(t xml.StartElement) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(xmlssAttr(t, "Index")))
	if err != nil || n < 1 || n > 1<<20 {
		return 0, false
	}
	return n - 1, true
}

// maxXMLStyles bounds the percentage styles kept of one workbook.
const maxXMLStyles = 1 << 16

// percentDecimals reports a NumberFormat's ss:Format that shows a number
// as a percentage (Excel's named Percent, 0.00%, or one of its own such
// as 0.0%), and the decimals it shows.
func percentDecimals(format string) (int, bool) {
	if format == "Percent" {
		return 2, true
	}
	if !strings.Contains(format, "%") || strings.ContainsAny(format, `"\;[`) {
		return 0, false // text, a literal % or sections: shown as written
	}
	_, frac, ok := strings.Cut(format[:strings.IndexByte(format, '%')], ".")
	if !ok {
		return 0, true
	}
	return strings.Count(frac, "0"), true
}

// percentValue is the number v as a percentage with decimals places, as
// Excel shows a cell of such a style (0.565 as 56.5%); v as it is when
// it is no number.
func percentValue(v string, decimals int) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	return strconv.FormatFloat(f*100, 'f', decimals, 64) + "%"
}

// xmlssValue is a cell's value as a person reads it: a number without
// the noise of binary fractions (0.3, not 0.30000000000000004), a date
// without a midnight (2018-03-31), a Boolean as TRUE or FALSE.
func xmlssValue(v, typ string) string {
	switch typ {
	case "Number":
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return v
		}
		f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
		return strconv.FormatFloat(f, 'f', -1, 64)
	case "DateTime":
		date, clock, ok := strings.Cut(strings.TrimSpace(v), "T")
		switch {
		case !ok:
			return v
		case strings.Trim(clock, "0:.Z") == "":
			return date
		}
		clock = strings.TrimSuffix(strings.TrimSuffix(clock, "Z"), ".000")
		if date == "1899-12-31" || date == "1899-12-30" { // Excel's day 0: a time of day alone
			return clock
		}
		return date + " " + clock
	case "Boolean":
		switch strings.TrimSpace(v) {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
	}
	return v
}

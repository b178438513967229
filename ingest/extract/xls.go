package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/shakinm/xlsReader/xls"
	"github.com/shakinm/xlsReader/xls/structure"

	"github.com/lcmonitor/evidence/catalog"
)

// Excel 97–2003 workbooks are read with github.com/shakinm/xlsReader, a pure
// Go BIFF8 reader. catdoc's xls2csv was measured first on a LibreOffice-made
// workbook with Chinese labels and lost or garbled four of its eight labels
// (the shared strings with East Asian extensions), while xlsReader read them
// all. The library reads the whole workbook into memory and cannot be
// interrupted but through the file it reads (boundedReader, which also
// stops a sector chain that loops), so files over Limits.MaxUnzipped are
// refused before it runs;
// it panics on some corrupt files, which extractXLS turns into an error. It
// also skips formula cells (a table's 合计 row came out empty), whose cached
// results xlsformula.go reads.

// xlsReadBudget is how many bytes xlsReader may read of a file of size
// bytes: sound files read 1.0–1.6 times their size, while a sector chain
// that loops back on itself (which it does not notice) would have it
// read, and keep in memory, forever; at four times a looping 100 MiB file
// stops at about 400 MiB, within the sandbox's memory.
func xlsReadBudget(size int64) int64 {
	return 4*size + 1<<20
}

// boundedReader reads r until left bytes are read or ctx ends, then
// fails: xlsReader then stops with an error.
type boundedReader struct {
	ctx  context.Context
	r    io.ReadSeeker
	left int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, err
	}
	if b.left <= 0 {
		return 0, errors.New("read past the budget: a sector chain loops")
	}
	p = p[:min(int64(len(p)), b.left)]
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *boundedReader) Seek(offset int64, whence int) (int64, error) {
	return b.r.Seek(offset, whence)
}

// extractXLS reads every sheet as a page, rows as lines, cells separated,
// numbers as their format shows them, formula cells by their last computed
// value (xlsformula.go), empty rows skipped.
func extractXLS(ctx context.Context, path string, lim Limits) (res *Result, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > lim.MaxUnzipped {
		return nil, catalog.Errorf(catalog.ETOOLARGE, "Excel 97–2003 表格（.xls）超过 %s 上限；请另存为 XLSX 或拆分后上传", formatBytes(lim.MaxUnzipped))
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("xls reader panic: %v: %w", r, errXLSCorrupt())
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	wb, err := xls.OpenReader(&boundedReader{ctx: ctx, r: f, left: xlsReadBudget(fi.Size())})
	if err != nil {
		return nil, fmt.Errorf("open xls: %v: %w", err, errXLSCorrupt())
	}
	formulas, err := readXLSFormulas(path, lim.MaxUnzipped)
	if err != nil {
		return nil, err
	}
	t := newTableText(lim)
	for i := 0; i < wb.GetNumberSheets(); i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sheet, err := wb.GetSheet(i)
		if err != nil {
			return nil, fmt.Errorf("sheet %d: %v: %w", i, err, errXLSCorrupt())
		}
		var recs xlsSheetRecords
		if i < len(formulas) {
			recs = formulas[i]
		}
		if err := xlsSheet(&wb, sheet, recs, t); err != nil {
			return nil, err
		}
	}
	return &Result{Extractor: "xls", Pages: t.pages()}, nil
}

// xlsSheet adds one sheet's page: the cells xlsReader read, the formula
// results it skipped, and labels merged down repeated in every row.
func xlsSheet(wb *xls.Workbook, sheet *xls.Sheet, recs xlsSheetRecords, t *tableText) error {
	t.startPage(sheet.GetName())
	formulas := recs.formulas
	merged := newMergeFill(recs.merges)
	rows, cols := sheet.GetNumberRows(), 0
	for c := range formulas {
		rows, cols = max(rows, c.row+1), max(cols, c.col+1)
	}
	for r := 0; r < rows; r++ {
		row, err := sheet.GetRow(r)
		if err != nil {
			continue
		}
		var cells []string
		for _, c := range row.GetCols() {
			cells = append(cells, xlsCellText(wb, c))
		}
		for c := 0; c < cols; c++ {
			v, ok := formulas[xlsCell{r, c}]
			if !ok {
				continue
			}
			for len(cells) <= c {
				cells = append(cells, "")
			}
			cells[c] = v.text
			if v.isNum {
				cells[c] = formatNumber(v.num, xlsFormatCode(wb, v.xf))
			}
		}
		if err := t.row(merged.row(r, cells)); err != nil {
			return err
		}
	}
	return nil
}

// xlsCellText renders one cell as Excel shows it.
func xlsCellText(wb *xls.Workbook, c structure.CellData) string {
	switch c.GetType() {
	case "*record.Number", "*record.Rk":
		return formatNumber(c.GetFloat64(), xlsFormatCode(wb, c.GetXFIndex()))
	case "*record.Blank", "*record.FakeBlank":
		return ""
	}
	return c.GetString()
}

// xlsFormatCode returns the number format of a cell's style: a built-in one
// by its number, or the FORMAT record the workbook defines.
func xlsFormatCode(wb *xls.Workbook, xf int) string {
	style := wb.GetXFbyIndex(xf)
	idx := style.GetFormatIndex()
	if code, ok := builtinNumFmts[idx]; ok {
		return code
	}
	f := wb.GetFormatByIndex(idx)
	return f.String()
}

// builtinNumFmts are the number formats Excel numbers without storing them
// ([MS-XLS] 2.4.126), those that matter for reading values.
var builtinNumFmts = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
	9: "0%", 10: "0.00%", 11: "0.00E+00",
	14: "yyyy-mm-dd", 15: "yyyy-mm-dd", 16: "yyyy-mm-dd", 17: "yyyy-mm",
	18: "hh:mm", 19: "hh:mm:ss", 20: "hh:mm", 21: "hh:mm:ss", 22: "yyyy-mm-dd hh:mm",
	37: "#,##0", 38: "#,##0", 39: "#,##0.00", 40: "#,##0.00", 49: "@",
	// the Chinese (zh-CN) built-in dates and times, which Excel and WPS in
	// China write without a FORMAT record: 2018年3月31日, 3月31日, 9时30分
	27: "yyyy-mm", 28: "mm-dd", 29: "mm-dd", 30: "m-d-yy", 31: "yyyy-mm-dd",
	32: "hh:mm", 33: "hh:mm:ss", 34: "hh:mm", 35: "hh:mm:ss", 36: "yyyy-mm",
	50: "yyyy-mm", 51: "mm-dd", 52: "yyyy-mm", 53: "mm-dd", 54: "mm-dd",
	55: "hh:mm", 56: "hh:mm:ss", 57: "yyyy-mm", 58: "mm-dd",
}

// formatNumber renders v the way a number format shows it, for the parts
// that matter to a reader: percent, decimals, thousands separators,
// scientific notation and dates. Colours, literal text and conditions are
// ignored; the positive section is used for every value.
func formatNumber(v float64, code string) string {
	code = stripFormatLiterals(strings.SplitN(code, ";", 2)[0])
	lower := strings.ToLower(code)
	switch {
	case code == "" || lower == "general" || code == "@":
		// Excel shows 15 significant digits (as excelize gives an XLSX):
		// a formula's 0.1+0.2 is 0.3, not 0.30000000000000004.
		if r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64); err == nil {
			v = r
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case strings.ContainsAny(lower, "ymdhs") && !strings.Contains(lower, "e+"):
		return formatExcelDate(v, lower)
	}
	decimals := 0
	if i := strings.IndexByte(code, '.'); i >= 0 {
		for _, c := range code[i+1:] {
			if c != '0' && c != '#' && c != '?' {
				break
			}
			decimals++
		}
	}
	if strings.Contains(lower, "e+") {
		return strconv.FormatFloat(v, 'E', decimals, 64)
	}
	suffix := ""
	if strings.Contains(code, "%") {
		v, suffix = v*100, "%"
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(code, ",") {
		s = groupThousands(s)
	}
	return s + suffix
}

// stripFormatLiterals removes "quoted text", \-escaped characters and
// [bracketed] colours and conditions from a format section.
func stripFormatLiterals(code string) string {
	var b strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case quoted:
			quoted = c != '"'
		case bracket:
			bracket = c != ']'
		case c == '"':
			quoted = true
		case c == '[':
			bracket = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is a literal, a space or a fill
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	frac := ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String() + frac
}

// formatExcelDate renders a serial date of the 1900 system as 2006-01-02,
// with the time when the format shows one.
func formatExcelDate(v float64, code string) string {
	if v < 0 || v > 2958465 || math.IsNaN(v) { // after 9999-12-31
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(math.Round(v*86400)) * time.Second)
	hasDate := strings.ContainsAny(code, "yd") || (strings.Contains(code, "m") && !strings.ContainsAny(code, "hs"))
	hasTime := strings.ContainsAny(code, "hs")
	switch {
	case hasDate && hasTime:
		return t.Format("2006-01-02 15:04:05")
	case hasTime:
		return t.Format("15:04:05")
	}
	return t.Format("2006-01-02")
}

func errXLSCorrupt() error {
	return catalog.Errorf(catalog.EINVALID, "Excel 97–2003 表格（.xls）已损坏，无法读取；请用 Excel 或 WPS 打开后另存为 XLSX 再上传")
}

package spreadsheet

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lcmonitor/evidence/catalog"
)

// Government systems and WPS export "Excel" files that are web pages: an
// HTML table named .xls, which Excel opens as a sheet. ReadHTMLTable reads
// such a table as the rows of a sheet: a cell spanning rows or columns
// (rowspan, colspan) as a merged range, given to every cell it covers.

// ReadHTMLTable returns the title and the records of the largest table of
// the HTML page data (by cells; a table inside a cell is a table of its
// own), as ReadFirstSheet returns a sheet's: record i is the table's row
// i+1, trailing empty cells dropped, merged ranges filled. The page's
// encoding is its BOM or <meta charset>, else UTF-8 when the bytes are,
// else GB18030. The largest table past maxRows rows is ErrTooManyRows
// (another table past it is passed over); a page without a table, with
// tables nested deeper than maxTableDepth, more than maxPaddedCells cells
// in all its tables, or past MaxColumns or maxMerges, a *catalog.Error
// saying what to do; ctx ending, its error.
func ReadHTMLTable(ctx context.Context, data []byte, maxRows int) (string, [][]string, error) {
	return readHTMLTable(ctx, data, "", maxRows)
}

// readHTMLTable is ReadHTMLTable of a page that came with contentType (an
// MHT part's, which may name its charset).
func readHTMLTable(ctx context.Context, data []byte, contentType string, maxRows int) (string, [][]string, error) {
	title, best, err := readHTMLTables(ctx, data, contentType, maxRows)
	if err != nil {
		return "", nil, err
	}
	return finishHTMLTable(title, best)
}

// readHTMLTables reads the page's title and its largest table, nil when
// it has none with a cell; its errors are ReadHTMLTable's but for that.
func readHTMLTables(ctx context.Context, data []byte, contentType string, maxRows int) (string, *htmlTable, error) {
	page, _, err := DecodeHTML(data, contentType)
	if err != nil {
		page = data // read as it is: a table's cells say whether it was worth it
	}
	r := &htmlReader{z: html.NewTokenizer(bytes.NewReader(page)), maxRows: maxRows}
	for tokens := 1; ; tokens++ {
		tt := r.z.Next()
		if tt == html.ErrorToken {
			if err := r.z.Err(); !errors.Is(err, io.EOF) {
				return "", nil, ErrNotXLSX
			}
			break
		}
		if tokens%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return "", nil, err
			}
		}
		if tokens > maxPaddedCells*4 {
			return "", nil, errHTMLTooLarge()
		}
		if err := r.token(tt); err != nil {
			return "", nil, err
		}
	}
	for len(r.open) > 0 { // tables left open at the page's end
		r.closeTable()
	}
	title := strings.Join(strings.Fields(r.title.String()), " ")
	if r.best == nil || r.best.cells == 0 {
		return title, nil, nil
	}
	return title, r.best, nil
}

// finishHTMLTable is the records of the table best read, its merged
// ranges filled; nil is a page without a table.
func finishHTMLTable(title string, best *htmlTable) (string, [][]string, error) {
	if best == nil {
		return "", nil, catalog.Errorf(catalog.EINVALID, "这个网页格式的表格文件里没有表格；请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入")
	}
	if best.tooMany {
		return "", nil, ErrTooManyRows
	}
	if err := fillMerges(best.records, best.merges); err != nil {
		return "", nil, err
	}
	return title, best.records, nil
}

// maxTableDepth bounds how deep tables nest in a page read as a table: a
// page of nothing but <table> tags would otherwise hold a table being
// read for each of them. Layout tables of real pages nest a few deep.
const maxTableDepth = 16

func errHTMLTooLarge() error {
	return catalog.Errorf(catalog.ETOOLARGE, "网页表格过大；请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入")
}

// htmlReader reads a page's tables token by token, keeping only the
// tables still open (innermost last) and the largest one finished.
type htmlReader struct {
	z       *html.Tokenizer
	maxRows int
	open    []*htmlTable
	best    *htmlTable
	title   strings.Builder
	inTitle bool
	skip    int // the <script> and <style> elements open
	cells   int // the cells of all the page's tables
}

// token reads the token tt, the tokenizer's current one.
func (r *htmlReader) token(tt html.TokenType) error {
	var t *htmlTable
	if len(r.open) > 0 {
		t = r.open[len(r.open)-1]
	}
	switch tt {
	case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
		return r.tag(t, tt != html.EndTagToken)
	case html.TextToken:
		switch {
		case r.skip > 0:
		case r.inTitle:
			if r.title.Len() < 1024 {
				r.title.Write(r.z.Text())
			}
		case t != nil && t.cell != nil:
			t.cell.Write(r.z.Text())
		}
	}
	return nil
}

// tag reads a start (start) or end tag within the table t being read,
// nil outside tables.
func (r *htmlReader) tag(t *htmlTable, start bool) error {
	name, hasAttr := r.z.TagName()
	switch tag := string(name); {
	case (tag == "script" || tag == "style") && start:
		r.skip++
	case tag == "script" || tag == "style":
		r.skip = max(0, r.skip-1)
	case tag == "title":
		r.inTitle = start
	case tag == "table" && start:
		if len(r.open) >= maxTableDepth {
			return catalog.Errorf(catalog.ETOOLARGE, "网页表格嵌套超过 %d 层；请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入", maxTableDepth)
		}
		r.open = append(r.open, &htmlTable{})
	case tag == "table" && t != nil:
		r.closeTable()
	case t == nil:
	case tag == "tr" && start:
		t.endRow(r.maxRows)
		t.inRow = true
	case tag == "tr":
		t.endRow(r.maxRows)
	case (tag == "td" || tag == "th") && start:
		if r.cells++; r.cells > maxPaddedCells {
			return errHTMLTooLarge()
		}
		return t.startCell(cellSpans(r.z, hasAttr))
	case tag == "td" || tag == "th":
		t.endCell()
	case t.cell != nil && (tag == "br" || tag == "p" || tag == "div"):
		t.cell.WriteByte(' ')
	}
	return nil
}

// closeTable ends the innermost open table, keeping it when it is the
// largest so far.
func (r *htmlReader) closeTable() {
	t := r.open[len(r.open)-1]
	t.endRow(r.maxRows)
	r.open[len(r.open)-1] = nil
	r.open = r.open[:len(r.open)-1]
	if r.best == nil || t.cells > r.best.cells {
		r.best = t
	}
}

// htmlTable is a table being read: its rows so far, the row and the cell
// being read, and the cells still covered by a rowspan from above.
type htmlTable struct {
	records [][]string
	merges  []span
	row     []string
	inRow   bool
	cell    *strings.Builder
	at      int   // the column of the cell being read
	covered []int // covered[c]: the row up to which column c is taken
	cells   int
	tooMany bool // a row past maxRows was left out
}

// startCell begins a cell in the first column of the row not covered from
// above, spanning rows and cols.
func (t *htmlTable) startCell(rows, cols int) error {
	t.endCell()
	t.inRow = true
	r, c := len(t.records), len(t.row)
	for c < len(t.covered) && t.covered[c] > r {
		c++
	}
	if c+cols > MaxColumns {
		return catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列；请只保留需要导入的列后再导入", r+1, MaxColumns)
	}
	if t.cells++; t.cells > maxPaddedCells {
		return catalog.Errorf(catalog.EINVALID, "表格的合并单元格过多或相互重叠；请取消合并后再导入")
	}
	for len(t.row) < c+cols {
		t.row = append(t.row, "")
	}
	if rows > 1 || cols > 1 {
		if len(t.merges) >= maxMerges {
			return catalog.Errorf(catalog.EINVALID, "表格的合并单元格超过 %d 处；请取消合并后再导入", maxMerges)
		}
		t.merges = append(t.merges, span{top: r, left: c, bottom: r + rows - 1, right: c + cols - 1})
		for len(t.covered) < c+cols {
			t.covered = append(t.covered, 0)
		}
		for k := c; k < c+cols; k++ {
			t.covered[k] = r + rows
		}
	}
	t.at, t.cell = c, &strings.Builder{}
	return nil
}

// endCell puts the cell being read in its place, its white space
// collapsed as a browser shows it.
func (t *htmlTable) endCell() {
	if t.cell == nil {
		return
	}
	t.row[t.at] = strings.Join(strings.Fields(t.cell.String()), " ")
	t.cell = nil
}

// endRow ends the row being read, if any. A row past maxRows that holds
// anything is left out and the table marked tooMany.
func (t *htmlTable) endRow(maxRows int) {
	t.endCell()
	if !t.inRow {
		return
	}
	last := len(t.row)
	for last > 0 && t.row[last-1] == "" {
		last--
	}
	switch {
	case len(t.records) < maxRows:
		t.records = append(t.records, append([]string(nil), t.row[:last]...))
	case last > 0:
		t.tooMany = true
	}
	t.row, t.inRow = t.row[:0], false
}

// cellSpans reads a cell's rowspan and colspan, each at least 1, a rowspan
// at most maxRows and a colspan at most MaxColumns.
func cellSpans(z *html.Tokenizer, hasAttr bool) (rows, cols int) {
	rows, cols = 1, 1
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		n, err := strconv.Atoi(strings.TrimSpace(string(val)))
		if err != nil || n < 1 {
			continue
		}
		switch string(key) {
		case "rowspan":
			rows = min(n, 1<<16)
		case "colspan":
			cols = min(n, MaxColumns)
		}
	}
	return rows, cols
}

// DecodeHTML finds the page's encoding (BOM, <meta charset>, http-equiv)
// and returns the page as UTF-8. Bytes that are valid UTF-8 are taken as
// UTF-8 whatever the page or its part declares, because sites that moved
// to UTF-8 often kept their old gb2312 declaration and WPS labels the
// UTF-8 pages of its single-file web pages charset="us-ascii"; undeclared
// non-UTF-8 pages are tried as GB18030 before falling back to
// windows-1252 as browsers do. contentType is the Content-Type the page
// came with ("" for a file; an MHT part's, which may name the charset):
// US-ASCII or Latin-1 there counts as no charset, and the page's own
// <meta> decides. A page its encoding cannot decode is ErrEncoding. The
// extractor of web pages and ReadHTMLTable both decode by it.
func DecodeHTML(data []byte, contentType string) ([]byte, string, error) {
	if vagueCharset(contentType) {
		contentType = ""
	}
	e, name, certain := charset.DetermineEncoding(data, contentType)
	if !hasBOM(data) && !(certain && strings.HasPrefix(name, "utf-16")) {
		if utf8.Valid(data) {
			return data, "utf-8", nil
		}
		if name == "windows-1252" && !certain { // undeclared, or declared Latin-1
			if text, ok := decodeGB18030(data); ok {
				return []byte(text), "gb18030", nil
			}
		}
	}
	if isGBLabel(name) {
		// GB18030 decodes GBK and GB2312 too and knows more characters.
		e = simplifiedchinese.GB18030
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", ErrEncoding
	}
	return out, name, nil
}

// hasBOM reports data that starts with a UTF-8 or UTF-16 byte order mark.
func hasBOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff"))
}

// vagueCharset reports a Content-Type whose charset says nothing of a
// Chinese page: US-ASCII or Latin-1, which writers put on parts of any
// charset.
func vagueCharset(contentType string) bool {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(params["charset"])) {
	case "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1", "windows-1252":
		return true
	}
	return false
}

func isGBLabel(name string) bool {
	return name == "gbk" || name == "gb2312" || name == "gb18030"
}

// htmlStarts are how an HTML page's first tag may begin.
var htmlStarts = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<table", "<h1", "<style", "<script", "<!--"}

// LooksHTML reports data that starts as an HTML page does, after a BOM
// and white space (an XML declaration before an <html> element too, not
// before the html: prefix of an XML Spreadsheet's rich text). A table
// import and the document extractor both tell web pages by it, after
// LooksXMLSpreadsheet.
func LooksHTML(data []byte) bool {
	s := strings.TrimLeft(string(bytes.TrimPrefix(data[:min(len(data), 1024)], []byte("\xef\xbb\xbf"))), " \t\r\n\f")
	s = strings.ToLower(s[:min(len(s), 512)])
	if strings.HasPrefix(s, "<?xml") {
		for rest := s; ; {
			i := strings.Index(rest, "<html")
			if i < 0 {
				return false
			}
			if rest = rest[i+len("<html"):]; rest == "" || strings.IndexByte(" \t\r\n\f>", rest[0]) >= 0 {
				return true
			}
		}
	}
	for _, p := range htmlStarts {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

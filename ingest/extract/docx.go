package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/xmlpart"
)

// extractDOCX reads word/document.xml of a DOCX file as a token stream,
// with its notes, headers and footers (docxparts.go).
// Pages are split at explicit page breaks (<w:br w:type="page"/>,
// <w:pageBreakBefore/>) and at the page breaks Word recorded when it last
// laid the document out (<w:lastRenderedPageBreak/>), so page numbers are
// approximate. Every zip member is read through a counter that stops at
// Limits.MaxUnzipped whatever the zip headers claim.
func extractDOCX(ctx context.Context, path string, lim Limits) (*Result, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open zip: %v: %w", err, errDOCXCorrupt())
	}
	defer zr.Close()

	doc := findZipFile(&zr.Reader, "word/document.xml")
	if doc == nil {
		return nil, catalog.Errorf(catalog.EINVALID, "DOCX 文件中缺少正文（word/document.xml），可能已损坏或不是 Word 文档；请用 Word 或 WPS 打开后另存为 DOCX 再上传")
	}
	budget := textBudget{max: lim.MaxTextBytes}
	around, err := readDOCXSurroundings(ctx, &zr.Reader, lim, &budget)
	if err != nil {
		return nil, err
	}
	w := docxWalker{budget: budget}
	if err := readZipXML(ctx, doc, lim.MaxUnzipped, w.token); err != nil {
		return nil, fmt.Errorf("word/document.xml: %w", err)
	}
	res := &Result{Extractor: "docx", Pages: around.place(w.pages(), w.footnotes(), w.endRefs)}
	if core := findZipFile(&zr.Reader, "docProps/core.xml"); core != nil {
		// A broken core.xml costs only the title.
		res.Title, _ = docxTitle(ctx, core, lim.MaxUnzipped)
	}
	return res, nil
}

func findZipFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readZipXML streams one zip member through an XML decoder, calling fn for
// every token. A member whose header admits to more than max bytes is
// refused without reading it; since headers can lie, the bytes actually
// inflated are counted too.
func readZipXML(ctx context.Context, f *zip.File, max int64, fn func(xml.Token) error) error {
	if f.UncompressedSize64 > uint64(max) {
		return errDOCXTooLarge(max)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("open member: %v: %w", err, errDOCXCorrupt())
	}
	defer rc.Close()
	err = decodeXMLCapped(ctx, rc, max, func(tok xml.Token) error {
		// As the OFD reader: Word never writes a DOCTYPE, and it is the
		// way in for entity tricks; the file is refused for that, not
		// called damaged (which would have the same file exported again).
		if d, ok := tok.(xml.Directive); ok {
			return fmt.Errorf("%s: directive %.40q: %w", f.Name, d,
				catalog.Errorf(catalog.EINVALID, "DOCX 文件中含有 DOCTYPE 或外部实体声明，出于安全原因拒绝处理；请用 Word 或 WPS 打开后另存为 DOCX 再上传"))
		}
		return fn(tok)
	})
	if errors.Is(err, errXMLTooDeep) {
		return fmt.Errorf("%s: %v: %w", f.Name, err, errNestedTooDeep(docxWords))
	}
	return err
}

// docxWords names a DOCX file in messages.
var docxWords = catalog.Words{Chinese: "DOCX 文件", English: "The DOCX file"}

// maxXMLDepth is how deeply the elements of one XML part may nest
// (xmlpart.MaxDepth, which the spreadsheet import holds too).
const maxXMLDepth = xmlpart.MaxDepth

// errXMLTooDeep is decodeXMLCapped's error for a part nested past
// maxXMLDepth; its callers name the format (errNestedTooDeep).
var errXMLTooDeep = xmlpart.ErrTooDeep

func errNestedTooDeep(what catalog.Words) error { return xmlpart.TooDeep(what) }

// decodeXMLCapped decodes at most max bytes of XML from r, nested at most
// maxXMLDepth elements deep.
func decodeXMLCapped(ctx context.Context, r io.Reader, max int64, fn func(xml.Token) error) error {
	// The limit reader stops one byte past max; the counter tells that end
	// (an XML syntax error) from a real end of the document.
	cr := &countingReader{r: r}
	d := xml.NewDecoder(io.LimitReader(cr, max+1))
	d.CharsetReader = charset.NewReaderLabel // parts may be UTF-16
	var depth xmlpart.Depth
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := d.Token()
		switch {
		case cr.n > max:
			return errDOCXTooLarge(max)
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return fmt.Errorf("parse xml: %v: %w", err, errDOCXCorrupt())
		}
		if err := depth.See(tok, d.InputOffset()); err != nil {
			return err
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// docxWalker turns WordprocessingML tokens into pages of text. Tokens are
// matched on local names; the w: prefix is conventional, not required.
type docxWalker struct {
	done     []string
	page     strings.Builder
	budget   textBudget
	inText   bool // inside <w:t>
	fallback int  // depth inside <mc:Fallback>, a copy of the preceding <mc:Choice>
	inPPr    bool // inside <w:pPr>
	broken   bool // the current page was started by a break
	hasText  bool // the current page has text other than white space

	// The ids of the footnotes each page refers to (the current page's
	// last) and of every endnote referred to, for docxSurroundings.place.
	pageRefs [][]string
	endRefs  []string

	// Tables are written as spreadsheets are (table.go): a row a line,
	// its cells separated by cellSeparator, so that "海曙区 | 36 | 12.3万人次"
	// stays one row rather than a paragraph per cell; the paragraphs of a
	// cell are joined by a space.
	cells  []int // per open table (nested innermost last): cells begun in its current row
	inCell []bool
	pSep   bool // a paragraph of a cell ended: a space before more of its text
	seps   int  // cell separators owed before the row's next text: none after its last
}

func (w *docxWalker) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		if t.Name.Local == "Fallback" {
			w.fallback++
		}
		if w.fallback == 0 {
			return w.start(t)
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "Fallback":
			w.fallback = max(w.fallback-1, 0)
		case "t":
			w.inText = false
		case "pPr":
			w.inPPr = false
		case "p":
			if n := len(w.inCell); n > 0 && w.inCell[n-1] {
				w.pSep = true
				return nil
			}
			// Paragraphs are separated by an empty line, which Normalize
			// keeps, so that a heading does not run into the next paragraph.
			return w.write("\n\n")
		case "tc", "tr", "tbl":
			if w.fallback == 0 {
				return w.endTable(t.Name.Local)
			}
		}
	case xml.CharData:
		if w.inText && w.fallback == 0 {
			return w.writeText(string(t))
		}
	}
	return nil
}

// writeText writes the text of a <w:t>, after the separators a table
// cell owes before it.
func (w *docxWalker) writeText(s string) error {
	sep := strings.Repeat(cellSeparator, w.seps)
	if w.pSep {
		sep += " "
	}
	w.seps, w.pSep = 0, false
	return w.write(sep + s)
}

// startTable handles the start of a table, a row or a cell.
func (w *docxWalker) startTable(local string) error {
	n := len(w.cells)
	switch {
	case local == "tbl":
		w.cells, w.inCell = append(w.cells, 0), append(w.inCell, false)
	case n == 0: // a row or cell outside a table: not WordprocessingML
	case local == "tr":
		w.cells[n-1] = 0
	case local == "tc":
		w.pSep = false
		w.inCell[n-1] = true
		if w.cells[n-1]++; w.cells[n-1] > 1 {
			w.seps++
		}
	}
	return nil
}

// endTable handles the end of a table, a row or a cell.
func (w *docxWalker) endTable(local string) error {
	n := len(w.cells)
	if n == 0 {
		return nil
	}
	w.pSep = false
	switch local {
	case "tc":
		w.inCell[n-1] = false
	case "tr":
		w.seps = 0 // empty cells at a row's end are left out, as in spreadsheets
		return w.write(rowBreak)
	case "tbl":
		w.cells, w.inCell = w.cells[:n-1], w.inCell[:n-1]
	}
	return nil
}

func (w *docxWalker) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "t":
		w.inText = true
	case "pPr":
		w.inPPr = true
	case "tab":
		if !w.inPPr { // <w:tabs><w:tab/> in paragraph properties are tab stops
			return w.write("\t")
		}
	case "br", "cr":
		if t.Name.Local == "br" && attr(t, "type") == "page" {
			w.breakPage()
		} else {
			return w.write("\n")
		}
	case "lastRenderedPageBreak":
		w.breakPage()
	case "pageBreakBefore":
		if v := attr(t, "val"); v == "" || v == "1" || v == "true" || v == "on" {
			w.breakPage()
		}
	case "tbl", "tr", "tc":
		return w.startTable(t.Name.Local)
	case "footnoteReference":
		if len(w.pageRefs) <= len(w.done) {
			w.pageRefs = append(w.pageRefs, nil)
		}
		w.pageRefs[len(w.done)] = append(w.pageRefs[len(w.done)], attr(t, "id"))
	case "endnoteReference":
		w.endRefs = append(w.endRefs, attr(t, "id"))
	}
	return nil
}

// footnotes are the ids of the footnotes each page refers to, a list a
// page of pages.
func (w *docxWalker) footnotes() [][]string {
	refs := make([][]string, len(w.done)+1)
	copy(refs, w.pageRefs)
	return refs
}

// breakPage starts a new page. A break on a page that a break started and
// that has no text yet is the same break recorded twice (Word writes an
// explicit break and then a rendered one), so it is ignored.
func (w *docxWalker) breakPage() {
	if w.broken && !w.hasText {
		return
	}
	w.done = append(w.done, w.page.String())
	w.page.Reset()
	w.broken, w.hasText = true, false
}

func (w *docxWalker) write(s string) error {
	if err := w.budget.add(len(s)); err != nil {
		return err
	}
	if strings.TrimSpace(s) != "" {
		w.hasText = true
	}
	w.page.WriteString(s)
	return nil
}

func (w *docxWalker) pages() []string {
	return append(w.done, w.page.String())
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxTitle reads dc:title from docProps/core.xml.
func docxTitle(ctx context.Context, f *zip.File, max int64) (string, error) {
	var title strings.Builder
	in := false
	err := readZipXML(ctx, f, max, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local == "title"
		case xml.EndElement:
			in = false
		case xml.CharData:
			if in && title.Len() < 4096 {
				title.Write(t)
			}
		}
		return nil
	})
	return strings.TrimSpace(title.String()), err
}

func errDOCXCorrupt() error {
	return catalog.Errorf(catalog.EINVALID, "DOCX 文件已损坏，无法打开或解析；请用 Word 或 WPS 打开后另存为 DOCX 再上传")
}

func errDOCXTooLarge(max int64) error {
	return catalog.Errorf(catalog.ETOOLARGE, "DOCX 解压后超过 %s 上限（可能是压缩炸弹），已拒绝处理", formatBytes(max))
}

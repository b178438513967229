package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html"

	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// extractHTML reads an HTML page as one page of text: the visible text of
// the body with block elements on lines of their own, and the <title>. An
// MHT's pages are read each as a page, those without text left out (the
// frameset Excel writes before a workbook's sheets).
func extractHTML(ctx context.Context, path string, lim Limits) (*Result, error) {
	data, err := readCapped(path, 4*lim.MaxTextBytes, func() error { return errTextTooLarge(lim.MaxTextBytes) })
	if err != nil {
		return nil, err
	}
	parts := []spreadsheet.MHTPart{{Page: data}}
	if spreadsheet.LooksMHT(data) {
		pages, ok := spreadsheet.MHTPages(data)
		if !ok {
			return nil, errMHTWithoutPage()
		}
		parts = pages
	}
	res := &Result{Extractor: "html"}
	budget := textBudget{max: lim.MaxTextBytes}
	for _, p := range parts {
		decoded, name, err := spreadsheet.DecodeHTML(p.Page, p.ContentType)
		if errors.Is(err, spreadsheet.ErrEncoding) {
			return nil, errEncoding()
		}
		if err != nil {
			return nil, err
		}
		w := htmlWalker{budget: budget}
		if err := w.walk(ctx, decoded); err != nil {
			return nil, err
		}
		budget = w.budget
		if page := w.page(); len(parts) == 1 || strings.TrimSpace(page) != "" {
			res.Pages = append(res.Pages, page)
		}
		if res.Title == "" {
			res.Title = collapseSpace(w.title.String())
		}
		if res.Encoding == "" {
			res.Encoding = name
		}
	}
	if len(res.Pages) == 0 {
		res.Pages = []string{""}
	}
	return res, nil
}

// htmlWalker collects visible text from a token stream.
type htmlWalker struct {
	text, title strings.Builder
	budget      textBudget
	skip        int  // depth inside script, style, noscript, template
	inHead      bool // inside <head> (only the title is kept)
	inTitle     bool
	pre         int // depth inside pre, textarea: whitespace is kept

	// Tables are written as spreadsheets are (table.go): a row a line, its
	// cells separated by cellSeparator, blocks inside a cell (Word's
	// <td><p class=MsoNormal>) joined by a space. Systems that export
	// "Excel" files as HTML tables named .xls rely on it.
	rowCells int  // cells begun in the current row
	inCell   bool // inside a cell of the current row
	seps     int  // separators owed before the row's next text: none after its last cell
	// A row of one cell is layout, not data (a government page set in
	// one table cell): its blocks are lines after all. The spaces written
	// for blocks in the current row (rowBlocks) become line breaks
	// (lineBreaks) when the row ends with one cell.
	rowBlocks, lineBreaks []int
}

// maxCellBlocks bounds the block breaks remembered in one row.
const maxCellBlocks = 1 << 16

// endRow settles the current row's block breaks.
func (w *htmlWalker) endRow() {
	if w.rowCells <= 1 && len(w.lineBreaks) < maxCellBlocks {
		w.lineBreaks = append(w.lineBreaks, w.rowBlocks...)
	}
	w.rowBlocks = w.rowBlocks[:0]
}

// page is the text walked, with the block breaks of one-cell rows as
// line breaks.
func (w *htmlWalker) page() string {
	w.endRow()
	if len(w.lineBreaks) == 0 {
		return w.text.String()
	}
	b := []byte(w.text.String())
	for _, at := range w.lineBreaks {
		b[at] = '\n'
	}
	return string(b)
}

// skipped elements never contribute text.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "template": true}

// blocks are elements that start and end lines.
var blocks = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "caption": true,
	"dd": true, "details": true, "dialog": true, "div": true, "dl": true, "dt": true,
	"fieldset": true, "figcaption": true, "figure": true, "footer": true, "form": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "hr": true, "li": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "summary": true, "table": true,
	"tbody": true, "tfoot": true, "thead": true, "tr": true, "ul": true, "body": true,
}

func (w *htmlWalker) walk(ctx context.Context, page []byte) error {
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(int(min(w.budget.max+1024, 1<<30)))
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			err := z.Err()
			switch {
			case errors.Is(err, io.EOF):
				return nil
			case errors.Is(err, html.ErrBufferExceeded):
				return errTextTooLarge(w.budget.max)
			}
			return err
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			w.tag(string(name), tt)
		case html.TextToken:
			if err := w.textToken(z.Text()); err != nil {
				return err
			}
		}
	}
}

func (w *htmlWalker) tag(name string, tt html.TokenType) {
	start, end := tt == html.StartTagToken, tt == html.EndTagToken
	switch {
	case skipped[name] && start:
		w.skip++
	case skipped[name] && end:
		w.skip = max(w.skip-1, 0)
	case name == "head":
		w.inHead = start
	case name == "body" && start:
		w.inHead = false
	case name == "title":
		w.inTitle = start
	case name == "pre" || name == "textarea":
		if start {
			w.pre++
		} else if end {
			w.pre = max(w.pre-1, 0)
		}
	}
	if w.skip > 0 {
		return
	}
	switch {
	case name == "td" || name == "th":
		if start {
			if w.rowCells > 0 {
				w.seps++
			}
			w.rowCells++
			w.inCell = true
		} else if end {
			w.inCell = false
		}
	case name == "tr" || name == "table":
		// A row may be left unclosed; its end is the next row's start.
		w.endRow()
		w.rowCells, w.inCell, w.seps = 0, false, 0
		w.text.WriteString(rowBreak)
	case name == "br" || blocks[name]:
		if w.inCell {
			if len(w.rowBlocks) < maxCellBlocks {
				w.rowBlocks = append(w.rowBlocks, w.text.Len())
			}
			w.text.WriteByte(' ')
		} else {
			w.text.WriteByte('\n')
		}
	}
}

func (w *htmlWalker) textToken(t []byte) error {
	switch {
	case w.skip > 0:
		return nil
	case w.inTitle:
		if w.title.Len() < 4096 {
			w.title.Write(t)
		}
		return nil
	case w.inHead:
		return nil
	}
	s := string(t)
	if w.pre == 0 {
		s = collapseHTMLSpace(s)
	}
	if w.seps > 0 && strings.TrimSpace(s) != "" {
		s = strings.Repeat(cellSeparator, w.seps) + s
		w.seps = 0
	}
	if err := w.budget.add(len(s)); err != nil {
		return err
	}
	w.text.WriteString(s)
	return nil
}

// collapseHTMLSpace turns every run of HTML white space into one space, as
// a browser renders it: line breaks in the source are not line breaks on the
// page.
func collapseHTMLSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func collapseSpace(s string) string {
	return strings.TrimSpace(collapseHTMLSpace(s))
}

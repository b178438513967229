package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

func init() { registerExtractor(FormatODT, extractODT) }

// extractODT reads content.xml of an OpenDocument text: paragraphs and
// headings as lines, table rows as lines with their cells separated,
// deleted text (tracked changes) and comments left out. Pages end at the
// soft page breaks the writing program recorded when it last laid the
// document out and at explicit breaks, so page numbers are approximate, as
// for DOCX. The title comes from meta.xml.
func extractODT(ctx context.Context, path string, lim Limits) (*Result, error) {
	z := newZipBudget(catalog.Words{Chinese: "ODT 文档", English: "The ODT document"}, lim)
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open zip: %v: %w", err, z.errCorrupt())
	}
	defer zr.Close()
	content := findZipFile(&zr.Reader, "content.xml")
	if content == nil {
		return nil, catalog.Errorf(catalog.EINVALID, "ODT 文档中缺少正文（content.xml），可能已损坏；请用 WPS 或 LibreOffice 打开后另存为 DOCX 再上传")
	}
	w := odtWalker{budget: textBudget{max: lim.MaxTextBytes}}
	if err := z.readXML(ctx, content, w.token); err != nil {
		return nil, fmt.Errorf("content.xml: %w", err)
	}
	res := &Result{Extractor: "odt", Pages: append(w.done, w.page.String())}
	if meta := findZipFile(&zr.Reader, "meta.xml"); meta != nil {
		res.Title = odtTitle(ctx, z, meta) // a broken meta.xml costs only the title
	}
	return res, nil
}

// odtWalker turns OpenDocument text tokens into pages. Elements are matched
// on local names.
type odtWalker struct {
	done    []string
	page    strings.Builder
	budget  textBudget
	para    int // depth inside text:p / text:h
	cell    int // depth inside table:table-cell
	cells   int // cells begun in the current table row
	skip    int // depth inside elements whose text is not shown
	hasText bool

	// Paragraph styles that start a new page (fo:break-before="page"),
	// from office:automatic-styles, which come before the body.
	style       string
	breakStyles map[string]bool
}

var odtSkipped = map[string]bool{
	"tracked-changes": true, "annotation": true, "note-citation": true,
	"font-face-decls": true, "sequence-decls": true,
}

func (w *odtWalker) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		name := t.Name.Local
		if w.skip > 0 || odtSkipped[name] {
			w.skip++
			return nil
		}
		switch name {
		case "style":
			w.style = attr(t, "name")
		case "paragraph-properties":
			if attr(t, "break-before") == "page" && w.style != "" {
				if w.breakStyles == nil {
					w.breakStyles = map[string]bool{}
				}
				w.breakStyles[w.style] = true
			}
		case "p", "h":
			if w.breakStyles[attr(t, "style-name")] {
				w.breakPage()
			}
			w.para++
		case "table-cell", "covered-table-cell":
			w.cell++
			if w.cells++; w.cells > 1 {
				return w.write(cellSeparator)
			}
		case "table-row":
			w.cells = 0
		case "soft-page-break":
			w.breakPage()
		case "s":
			return w.write(" ")
		case "tab":
			return w.write(" ")
		case "line-break":
			return w.write("\n")
		}
	case xml.EndElement:
		if w.skip > 0 {
			w.skip--
			return nil
		}
		switch t.Name.Local {
		case "p", "h":
			w.para = max(w.para-1, 0)
			if w.cell > 0 {
				return w.write(" ")
			}
			return w.write(paraBreak)
		case "table-cell", "covered-table-cell":
			w.cell = max(w.cell-1, 0)
		case "table-row":
			return w.write(rowBreak)
		}
	case xml.CharData:
		if w.skip == 0 && w.para > 0 {
			return w.write(string(t))
		}
	}
	return nil
}

// breakPage starts a new page unless the current one is still empty.
func (w *odtWalker) breakPage() {
	if !w.hasText {
		return
	}
	w.done = append(w.done, w.page.String())
	w.page.Reset()
	w.hasText = false
}

func (w *odtWalker) write(s string) error {
	if err := w.budget.add(len(s)); err != nil {
		return err
	}
	if strings.TrimSpace(s) != "" && s != cellSeparator {
		w.hasText = true
	}
	w.page.WriteString(s)
	return nil
}

// odtTitle reads dc:title from meta.xml; "" when it is missing or broken.
func odtTitle(ctx context.Context, z *zipBudget, f *zip.File) string {
	var title strings.Builder
	in := false
	err := z.readXML(ctx, f, func(tok xml.Token) error {
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
	if err != nil {
		return ""
	}
	return strings.TrimSpace(title.String())
}

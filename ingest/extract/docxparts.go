package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// A DOCX keeps its footnotes, endnotes, headers and footers outside
// word/document.xml, and a reader of that part alone left them out of
// the text: a search for what a footnote cites (数据来源于…统计台账) or a
// header names (某某区社区学院年度报告) found the PDF of the document and
// never the DOCX itself. They are read as the body is, and placed as the
// paper shows them: a footnote at the foot of the page that refers to it,
// the endnotes at the end, the headers at the head of the first page and
// the footers at its foot, once (they repeat on every page, and one page
// to show them on is enough to find them).

// docxNotes reads the footnotes or endnotes of part (word/footnotes.xml,
// word/endnotes.xml) into their text by id; nil when the file has none.
// Separator notes hold no text and are left out by it.
func docxNotes(ctx context.Context, zr *zip.Reader, part string, lim Limits, budget *textBudget) (map[string]string, error) {
	f := findZipFile(zr, part)
	if f == nil {
		return nil, nil
	}
	notes := map[string]string{}
	var id string
	var w *docxWalker
	err := readZipXML(ctx, f, lim.MaxUnzipped, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "footnote" || t.Name.Local == "endnote" {
				id, w = attr(t, "id"), &docxWalker{budget: *budget}
				return nil
			}
		case xml.EndElement:
			if (t.Name.Local == "footnote" || t.Name.Local == "endnote") && w != nil {
				if text := strings.TrimSpace(strings.Join(w.pages(), "\n\n")); text != "" {
					notes[id] = text
				}
				*budget, w = w.budget, nil
				return nil
			}
		}
		if w == nil {
			return nil
		}
		return w.token(tok)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", part, err)
	}
	return notes, nil
}

// docxMargins is the text of the headers (prefix "word/header") or
// footers ("word/footer") of a DOCX, each part a paragraph, in the order
// of their names, a text told once however many parts repeat it (Word
// writes a first-page, an even-page and a default header).
func docxMargins(ctx context.Context, zr *zip.Reader, prefix string, lim Limits, budget *textBudget) (string, error) {
	var parts []*zip.File
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, prefix) && strings.HasSuffix(f.Name, ".xml") && !strings.Contains(f.Name[len(prefix):], "/") {
			parts = append(parts, f)
		}
	}
	slices.SortFunc(parts, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	var texts []string
	for _, f := range parts {
		w := docxWalker{budget: *budget}
		if err := readZipXML(ctx, f, lim.MaxUnzipped, w.token); err != nil {
			return "", fmt.Errorf("%s: %w", f.Name, err)
		}
		*budget = w.budget
		if text := marginText(w.pages()); text != "" && !slices.Contains(texts, text) {
			texts = append(texts, text)
		}
	}
	return strings.Join(texts, "\n\n"), nil
}

// marginText is the text of a header or footer part without its page
// numbers: Word keeps a PAGE or NUMPAGES field's last value (第3页共3页,
// — 2 —, 3, 3/3), which told on the first page says nothing of it, and
// ended a hit's passage there. A number alone on a line of a header or
// footer, or one of a count, is such a field's (a margin holds no
// table), unless it reads as a year (marginYear).
func marginText(pages []string) string {
	lines := strings.Split(strings.Join(pages, "\n\n"), "\n")
	lines = slices.DeleteFunc(lines, func(l string) bool {
		n, bare := runNumber(l)
		return bare && !marginYear(l, n) || pageNumberLine(l)
	})
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// marginYear reports whether line, a bare number n alone (runNumber),
// is a year a header sets on a line of its own (2024 over 年度工作报告):
// four digits from 1900 to 2099. No document a city hands in runs to
// that many pages, so a page field never reads so.
func marginYear(line string, n int) bool {
	return len(compactDigits(line)) == 4 && n >= 1900 && n <= 2099
}

// docxSurroundings are a DOCX's notes, headers and footers, read before
// its body so that the body's walker can place each footnote on the page
// that refers to it.
type docxSurroundings struct {
	footnotes, endnotes map[string]string
	headers, footers    string
}

// readDOCXSurroundings reads a DOCX's notes, headers and footers, their
// text counted into budget. A part that cannot be read (damaged XML, a DOCTYPE) costs only its own
// text, as a broken core.xml costs only the title: the body is what a
// reader must not lose. A part too large, or a reading cancelled, ends
// the reading, as in the body.
func readDOCXSurroundings(ctx context.Context, zr *zip.Reader, lim Limits, budget *textBudget) (docxSurroundings, error) {
	var s docxSurroundings
	var err error
	if s.footnotes, err = docxNotes(ctx, zr, "word/footnotes.xml", lim, budget); partFails(err) {
		return s, err
	}
	if s.endnotes, err = docxNotes(ctx, zr, "word/endnotes.xml", lim, budget); partFails(err) {
		return s, err
	}
	if s.headers, err = docxMargins(ctx, zr, "word/header", lim, budget); partFails(err) {
		return s, err
	}
	if s.footers, err = docxMargins(ctx, zr, "word/footer", lim, budget); partFails(err) {
		return s, err
	}
	return s, nil
}

// partFails reports whether err, from reading a DOCX's note, header or
// footer part, fails the whole reading: any error but a damaged part's.
func partFails(err error) bool {
	return err != nil && catalog.ErrorCode(err) != catalog.EINVALID
}

// place puts the surroundings into pages, the body's pages; footnotes
// holds the ids of the footnotes each page refers to, endnotes those of
// the endnotes the body refers to, in order.
func (s docxSurroundings) place(pages []string, footnotes [][]string, endnotes []string) []string {
	for i := range pages {
		var foot []string
		for _, id := range footnotes[i] {
			if text, ok := s.footnotes[id]; ok {
				foot = append(foot, text)
			}
		}
		pages[i] = joinParagraphs(pages[i], strings.Join(foot, "\n\n"))
	}
	var ends []string
	for _, id := range endnotes {
		if text, ok := s.endnotes[id]; ok {
			ends = append(ends, text)
		}
	}
	last := len(pages) - 1
	pages[last] = joinParagraphs(pages[last], strings.Join(ends, "\n\n"))
	pages[0] = joinParagraphs(joinParagraphs(s.headers, pages[0]), s.footers)
	return pages
}

// joinParagraphs joins a and b with an empty line, which Normalize keeps,
// so that neither runs into the other; either may be empty.
func joinParagraphs(a, b string) string {
	switch {
	case strings.TrimSpace(b) == "":
		return a
	case strings.TrimSpace(a) == "":
		return b
	}
	return strings.TrimRight(a, "\n") + "\n\n" + b
}

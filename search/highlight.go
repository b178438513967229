package search

import (
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// HighlightPage renders one page of a document's text as HTML with the
// words of query marked, using the analysis of search, so the page a hit
// points at shows why it matched. A query that cannot be read marks
// nothing.
func HighlightPage(query, text string) (string, error) {
	return HighlightDocumentPage(query, []string{text}, 1)
}

// HighlightDocumentPage is HighlightPage for page n (from 1) of a
// document's pages: a phrase that runs onto it from the page before or
// after, which search finds, has its part on this page marked too.
func HighlightDocumentPage(query string, pages []string, n int) (string, error) {
	text := pages[n-1]
	p, err := parseQuery(query)
	if err != nil || p == nil {
		return escapeKeepLines(catalog.Fullwidth(text)), nil
	}
	// The page and its neighbours, so that the matcher sees what runs
	// across their breaks; this page is near[here].
	from := max(n-2, 0)
	near, here := pages[from:min(n+1, len(pages))], n-1-from
	m, err := index.NewMatcher(near)
	if err != nil {
		return "", err
	}
	var spans []index.Span
	for _, c := range p.clauses {
		for _, t := range c.Any {
			for _, sp := range m.Find(t.Text) {
				if sp.Page == here+1 {
					spans = append(spans, sp)
				}
			}
		}
	}
	spans = mergeSpans(spans)
	var b strings.Builder
	shown := catalog.NewShownText(text, 0, len(text))
	for _, sp := range spans {
		b.WriteString(escapeKeepLines(shown.Next(sp.Start)))
		b.WriteString("<mark>")
		b.WriteString(escapeKeepLines(shown.Next(sp.End)))
		b.WriteString("</mark>")
	}
	b.WriteString(escapeKeepLines(shown.Next(len(text))))
	return b.String(), nil
}

// escapeKeepLines escapes text for HTML; line breaks stay as they are and
// are shown by CSS (white-space: pre-wrap).
func escapeKeepLines(s string) string {
	return htmlEscaper.Replace(s)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

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
	p, err := parseQuery(query)
	if err != nil || p == nil {
		return escapeKeepLines(catalog.Fullwidth(text)), nil
	}
	m, err := index.NewMatcher([]string{text})
	if err != nil {
		return "", err
	}
	var spans []index.Span
	for _, c := range p.clauses {
		for _, t := range c.Any {
			spans = append(spans, m.Find(t.Text)...)
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

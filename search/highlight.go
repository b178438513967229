package search

import (
	"slices"
	"strings"
	"unicode/utf8"

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
	return highlightDocumentPage(query, pages, n, index.NewMatcherFor)
}

// HighlightDocumentPageAs is HighlightDocumentPage for a search that
// matched its words as substrings when substring is set
// (Request.Substring): they are marked inside other words too.
func HighlightDocumentPageAs(query string, pages []string, n int, substring bool) (string, error) {
	return highlightPage(query, pages, n, index.NewMatcherFor, substring, DocNumberShown{})
}

// DocNumberShown is a document's 文号 as its page writes it: Number as
// stored (catalog.Document.DocNumber), Written as its field shows it
// (catalog.DocNumberAsWritten). The zero value writes none.
type DocNumberShown struct{ Number, Written string }

// HighlightDocumentPageOf is HighlightDocumentPageAs for the page of a
// document whose 文号 is doc: the text shows it as its field does
// (catalog.ShowDocNumber).
func HighlightDocumentPageOf(query string, pages []string, n int, substring bool, doc DocNumberShown) (string, error) {
	return highlightPage(query, pages, n, index.NewMatcherFor, substring, doc)
}

// highlightDocumentPage is HighlightDocumentPage with the matcher that
// newMatcher makes for the pages and the query's words.
func highlightDocumentPage(query string, pages []string, n int, newMatcher func(pages, words []string) (*index.Matcher, error)) (string, error) {
	return highlightPage(query, pages, n, newMatcher, false, DocNumberShown{})
}

// highlightPage is highlightDocumentPage, of the words as substrings
// when substring is set.
func highlightPage(query string, pages []string, n int, newMatcher func(pages, words []string) (*index.Matcher, error), substring bool, doc DocNumberShown) (string, error) {
	text := pages[n-1]
	p, err := parseQuery(query)
	if err != nil || p == nil || !p.hasTerms() {
		// Nothing to mark: the page is not analysed at all (a long part
		// of a page took a quarter of a second to cut into words).
		return escapeKeepLines(catalog.ShowDocNumber(catalog.ShownForm(text), doc.Number, doc.Written)), nil
	}
	// The page and the ends of its neighbours next to it, so that the
	// matcher sees what runs across their breaks; this page is
	// near[here]. A phrase is at most maxQueryRunes long, so no more of a
	// neighbour can hold a part of it: the rest of a neighbour (a whole
	// long part of a page) would only be cut into words for nothing.
	from := max(n-2, 0)
	near, here := slices.Clone(pages[from:min(n+1, len(pages))]), n-1-from
	if here > 0 {
		near[0] = tailBytes(near[0], neighbourBytes)
	}
	if here+1 < len(near) {
		near[here+1] = headBytes(near[here+1], neighbourBytes)
	}
	var words []string
	for _, c := range p.clauses {
		for _, t := range c.Any {
			words = append(words, t.Text)
		}
	}
	// Only the sentences where a word can be found are cut into words:
	// all of a long part took a quarter of a second.
	m, err := newMatcher(near, words)
	if err != nil {
		return "", err
	}
	var spans []index.Span
	for _, c := range p.clauses {
		for _, t := range c.Any {
			find := m.Find
			if substring {
				find = m.FindSubstring
			}
			for _, sp := range find(t.Text) {
				if sp.Page == here+1 {
					spans = append(spans, sp)
				}
			}
		}
	}
	// A pasted passage is marked whole where the page holds it, as in
	// the hit's passages (Passage.markPassage); a mark never cuts a
	// number of the page (wholeNumbers).
	one := p.passage.markPassage([]string{text}, pageOne(spans))
	spans = closeBrackets([]string{text}, mergeSpans(wholeNumbers([]string{text}, one, termNumbers(p.clauses))))
	var b strings.Builder
	shown := catalog.NewShownText(text, 0, len(text)).ShowDocNumber(doc.Number, doc.Written)
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

// neighbourBytes is how much of a neighbouring page the highlighter
// looks at: room for a phrase of maxQueryRunes characters, with the words
// before it, so that the neighbour is cut into words there as it is whole.
const neighbourBytes = 16 * maxQueryRunes * utf8.UTFMax

// headBytes is s's first n bytes or fewer, of whole characters.
func headBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// tailBytes is s's last n bytes or fewer, of whole characters.
func tailBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// pageOne is spans (all of one page) as spans of page 1.
func pageOne(spans []index.Span) []index.Span {
	out := make([]index.Span, len(spans))
	for i, sp := range spans {
		sp.Page = 1
		out[i] = sp
	}
	return out
}

// bracketPairs are the brackets a mark closes (closeBrackets), as the
// stored text writes them: Normalize folds （） to ().
var bracketPairs = [][2]string{{"(", ")"}, {"[", "]"}, {"〔", "〕"}, {"《", "》"}, {"【", "】"}, {"〈", "〉"}, {"「", "」"}}

// closeBrackets extends each of spans (on pages, sorted and apart, as
// mergeSpans leaves them) over a closing bracket right after it when the
// span opens that bracket and leaves it open (管理办法(试行 takes the
// ")"), and over an opening bracket right before it when the span closes
// one it does not open; never into a neighbouring span.
func closeBrackets(pages []string, spans []index.Span) []index.Span {
	for i := range spans {
		sp := &spans[i]
		text := pages[sp.Page-1]
		for _, pair := range bracketPairs {
			in := text[sp.Start:sp.End]
			open := strings.Count(in, pair[0]) - strings.Count(in, pair[1])
			switch {
			case open > 0 && strings.HasPrefix(text[sp.End:], pair[1]) &&
				(i+1 == len(spans) || spans[i+1].Page != sp.Page || spans[i+1].Start >= sp.End+len(pair[1])):
				sp.End += len(pair[1])
			case open < 0 && strings.HasSuffix(text[:sp.Start], pair[0]) &&
				(i == 0 || spans[i-1].Page != sp.Page || spans[i-1].End <= sp.Start-len(pair[0])):
				sp.Start -= len(pair[0])
			}
		}
	}
	return spans
}

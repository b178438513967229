package index

import (
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// Matcher finds phrases in one document's pages with the same analysis as
// search: the text is cut in search mode, a phrase in exact mode, and a
// phrase matches where its words stand at consecutive positions; a phrase
// that is not one dictionary word matches where it occurs as a substring. It serves
// features that look into a single document, such as suggesting the
// indicators it substantiates, without a round trip through the index.
type Matcher struct {
	pages  []string
	byTerm map[string][]occurrence
	at     map[occurrenceKey]bool
}

type occurrence struct {
	page, pos  int
	start, end int
}

type occurrenceKey struct {
	page, pos int
	term      string
}

// NewMatcher analyses pages (page 1 first).
func NewMatcher(pages []string) (*Matcher, error) {
	seg, err := zh.Segmenter()
	if err != nil {
		return nil, err
	}
	m := &Matcher{pages: pages, byTerm: map[string][]occurrence{}, at: map[occurrenceKey]bool{}}
	for p, text := range pages {
		for _, tk := range zh.Segment(seg, []byte(text), true) {
			term := strings.ToLower(string(tk.Term))
			m.byTerm[term] = append(m.byTerm[term], occurrence{page: p + 1, pos: tk.Position, start: tk.Start, end: tk.End})
			m.at[occurrenceKey{p + 1, tk.Position, term}] = true
		}
	}
	return m, nil
}

// Find returns every place phrase occurs, as spans from its first word to
// its last, in page order. A phrase whose numbers may be written with
// their thousands grouped or not is found in each of its forms.
func (m *Matcher) Find(phrase string) []Span {
	forms := numberForms(phrase)
	if len(forms) == 1 {
		return m.find(phrase)
	}
	var out []Span
	for _, f := range forms {
		out = append(out, m.find(f)...)
	}
	slices.SortFunc(out, func(a, b Span) int {
		if a.Page != b.Page {
			return a.Page - b.Page
		}
		return a.Start - b.Start
	})
	return slices.Compact(out)
}

// find is Find for one form of the phrase.
func (m *Matcher) find(phrase string) []Span {
	if sub, ok := substringText(phrase); ok {
		var out []Span
		for p, text := range m.pages {
			for _, se := range zh.FindSubstrings(text, sub) {
				out = append(out, Span{Page: p + 1, Start: se[0], End: se[1]})
			}
		}
		return out
	}
	terms, err := QueryTerms(phrase)
	if err != nil || len(terms) == 0 {
		return nil
	}
	var out []Span
	for _, first := range m.byTerm[terms[0]] {
		end, ok := first.end, true
		for k, term := range terms[1:] {
			if !m.at[occurrenceKey{first.page, first.pos + k + 1, term}] {
				ok = false
				break
			}
			end = m.lastEnd(term, first.page, first.pos+k+1)
		}
		if ok {
			out = append(out, Span{Page: first.page, Start: first.start, End: end})
		}
	}
	return out
}

// lastEnd is the end offset of term at a position; of the tokens sharing a
// position (a word and its sub-words) the term's own token is taken.
func (m *Matcher) lastEnd(term string, page, pos int) int {
	for _, o := range m.byTerm[term] {
		if o.page == page && o.pos == pos {
			return o.end
		}
	}
	return 0
}

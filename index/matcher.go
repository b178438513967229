package index

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// Matcher finds phrases in one document's pages with the same analysis as
// search: the text is cut in search mode, a phrase in exact mode, and a
// phrase matches where its words stand at consecutive positions; a phrase
// that is not one dictionary word matches where it occurs as a substring. It serves
// features that look into a single document, such as suggesting the
// indicators it substantiates, without a round trip through the index.
// A Matcher is not safe for concurrent use.
type Matcher struct {
	pages  []string
	byTerm map[string][]occurrence
	at     map[occurrenceKey]bool
	// text is the pages joined by PageSeparator, as the index holds
	// them, so that a word or a phrase is found across a page break
	// inside a sentence; starts[i] is the offset of page i+1 in it.
	text   string
	starts []int
	// subs finds substrings in text, folded once on first use: folding
	// a long text for each phrase looked for was most of the work of
	// suggesting indicators for it.
	subs *zh.SubstringFinder
}

// occurrence is a word of text: its position and its byte span in text.
type occurrence struct {
	pos        int
	start, end int
}

type occurrenceKey struct {
	pos  int
	term string
}

// NewMatcher analyses pages (page 1 first).
func NewMatcher(pages []string) (*Matcher, error) {
	seg, err := zh.Segmenter()
	if err != nil {
		return nil, err
	}
	m := newMatcher(pages)
	m.add(zh.Segment(seg, []byte(m.text), true))
	return m, nil
}

// notASCIILowered are the letters besides ASCII's that strings.ToLower
// lowers to ASCII: the Kelvin sign K and the dotted capital İ.
const notASCIILowered = "\u212A\u0130"

// NewMatcherFor is NewMatcher for finding phrases, and only them: it cuts
// into words only the sentences where one of them can be found
// (zh.SegmentNear: the clauses where its word occurs), which are cut as
// they are in all of the pages, so Find finds each of phrases where
// NewMatcher's finds it. Marking a query's words on a long page cut all
// of it into words. Find of another phrase misses what is outside those
// sentences.
func NewMatcherFor(pages []string, phrases []string) (*Matcher, error) {
	for _, p := range pages {
		if strings.ContainsAny(p, notASCIILowered) {
			// Lowered to ASCII by the whole text's matcher, not by the
			// words near a query (lowerASCII): cut it all.
			return NewMatcher(pages)
		}
	}
	seg, err := zh.Segmenter()
	if err != nil {
		return nil, err
	}
	var firsts []string
	for _, phrase := range phrases {
		for _, form := range searchForms(phrase) {
			if _, ok := partSubstring(form); ok {
				continue
			}
			if _, ok := substringText(form); ok {
				continue // found in the text as it is, not by its words
			}
			terms, err := QueryTerms(form)
			if err != nil {
				return nil, err
			}
			if len(terms) == 0 {
				continue
			}
			if !caseless(terms) || len(terms) > 1 {
				// A form of several words is found as a substring
				// (substringText): one that is not is found by cutting
				// all of the text, as it does not end in its clause.
				return NewMatcher(pages)
			}
			firsts = append(firsts, terms[0])
		}
	}
	m := newMatcher(pages)
	if len(firsts) > 0 {
		// A phrase of one word is in the clause where it occurs.
		m.add(zh.SegmentNear(seg, []byte(m.text), firsts))
	}
	return m, nil
}

// caseless reports whether terms hold no letter but ASCII ones that has a
// case: zh.SegmentNear finds them in a text lowered as ASCII, as
// strings.ToLower lowers the words of a text that holds nothing else.
func caseless(terms []string) bool {
	for _, t := range terms {
		for _, r := range t {
			if r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
				return false
			}
		}
	}
	return true
}

func newMatcher(pages []string) *Matcher {
	m := &Matcher{pages: pages, byTerm: map[string][]occurrence{}, at: map[occurrenceKey]bool{}}
	m.text = strings.Join(pages, PageSeparator)
	for p := range pages {
		if p > 0 {
			m.starts = append(m.starts, m.starts[p-1]+len(pages[p-1])+len(PageSeparator))
		} else {
			m.starts = append(m.starts, 0)
		}
	}
	return m
}

// add takes the words of the text.
func (m *Matcher) add(tokens []zh.Token) {
	for _, tk := range tokens {
		term := strings.ToLower(string(tk.Term))
		m.byTerm[term] = append(m.byTerm[term], occurrence{pos: tk.Position, start: tk.Start, end: tk.End})
		m.at[occurrenceKey{tk.Position, term}] = true
	}
}

// Find returns every place phrase occurs, as spans from its first word to
// its last, in page order. A phrase whose numbers may be written with
// their thousands grouped or not is found in each of its forms.
// A bare number is found wherever its value is written (12000 in 1.2万
// and 一万二千人), as search finds it (valueQuery).
func (m *Matcher) Find(phrase string) []Span {
	forms := searchForms(phrase)
	number, bare := bareValue(phrase)
	if len(forms) == 1 && !bare {
		return m.find(forms[0])
	}
	var out []Span
	for _, f := range forms {
		out = append(out, m.find(f)...)
	}
	if bare {
		for _, se := range m.finder().FindValue(number) {
			out = m.appendPageSpans(out, se[0], se[1])
		}
	}
	slices.SortFunc(out, bySpanStart)
	return slices.Compact(out)
}

// FindSubstring is Find for a word asked for as a substring
// (Term.Substring): also wherever the text holds its substring form
// (zh.SubstringForm), inside other words (健全 in 建立健全市), as a search
// of substrings finds it.
func (m *Matcher) FindSubstring(phrase string) []Span {
	out := m.Find(phrase)
	if sub, ok := zh.SubstringForm(phrase); ok {
		for _, se := range m.finder().Find(sub) {
			out = m.appendPageSpans(out, se[0], se[1])
		}
		slices.SortFunc(out, bySpanStart)
		out = slices.Compact(out)
	}
	return out
}

// finder is the substring finder of the text, made on first use.
func (m *Matcher) finder() *zh.SubstringFinder {
	if m.subs == nil {
		m.subs = zh.NewSubstringFinder(m.text)
	}
	return m.subs
}

// bySpanStart orders spans by page, then start.
func bySpanStart(a, b Span) int { return cmp.Or(a.Page-b.Page, a.Start-b.Start) }

// find is Find for one form of the phrase.
func (m *Matcher) find(phrase string) []Span {
	sub, part := partSubstring(phrase)
	ok := part
	if !ok {
		sub, ok = substringText(phrase)
	}
	if ok {
		var out []Span
		spans := m.finder().Find
		zeros := !part
		if f, flex := flexOf(sub); flex && !part {
			// With trailing zeros too, as search finds it (zerosQueries).
			spans = func(string) [][2]int { return m.subs.FindFlex(f) }
			zeros = !f.HasZeros()
		}
		for _, se := range spans(sub) {
			if part && m.text[se[1]-1] == '.' {
				se[1]-- // the code, not its part's point, as search marks it
			}
			out = m.appendPageSpans(out, se[0], se[1])
		}
		if number, rest, ok := countPhrase(sub); ok && !part {
			// Written in Chinese numerals, as search finds it (newCountQuery).
			for _, se := range m.subs.FindCount(number, rest) {
				out = m.appendPageSpans(out, se[0], se[1])
			}
			slices.SortFunc(out, bySpanStart)
		}
		if zs := m.subs.FindZeros(sub); len(zs) > 0 && zeros {
			// With trailing zeros before its units, as search finds it
			// (newZerosQuery).
			for _, se := range zs {
				out = m.appendPageSpans(out, se[0], se[1])
			}
			slices.SortFunc(out, bySpanStart)
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
			if !m.at[occurrenceKey{first.pos + k + 1, term}] {
				ok = false
				break
			}
			end = m.lastEnd(term, first.pos+k+1)
		}
		if ok {
			out = m.appendPageSpans(out, first.start, end)
		}
	}
	return out
}

// lastEnd is the end offset of term at a position; of the tokens sharing a
// position (a word and its sub-words) the term's own token is taken.
func (m *Matcher) lastEnd(term string, pos int) int {
	for _, o := range m.byTerm[term] {
		if o.pos == pos {
			return o.end
		}
	}
	return 0
}

// appendPageSpans appends the span [start, end) of the joined pages as
// spans of pages: one for each page it runs onto.
func (m *Matcher) appendPageSpans(out []Span, start, end int) []Span {
	p := sort.SearchInts(m.starts, start+1) - 1
	for ; p < len(m.pages) && m.starts[p] < end; p++ {
		s, e := max(start-m.starts[p], 0), min(end-m.starts[p], len(m.pages[p]))
		if end-m.starts[p] > e {
			e = min(e, zh.FootStart(m.pages, p)) // as pageSpans leaves the foot
		}
		if s < e {
			out = append(out, Span{Page: p + 1, Start: s, End: e})
		}
	}
	return out
}

package values

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// PageContext is where a value's number stands on the page it cites, for
// the reviewer to read it in place as a search result shows a passage:
// the page the quote was found on and a short passage of the page around
// the number, the number as the page writes it in Number. When the
// passage does not write the value (单位不符, or another number), Number
// is "" and Before holds the passage the quote matched.
type PageContext struct {
	Page                  int
	Before, Number, After string
	// CutBefore and CutAfter say the page goes on before and after the
	// passage shown (…).
	CutBefore, CutAfter bool
}

// contextRunes is how much of the page is shown on each side of the
// number: a clause or two.
const contextRunes = 40

// PageContexts reads the page context of each of vs whose quote was found
// on its page, by value ID. The cited texts are read as recording the
// value read them (claims.ReadCitedText, within the server's budget for
// big texts), each passage once however many values cite it. A text that
// cannot be read now (the budget is taken, the text is gone) leaves its
// values without a context: the page shows their quotes as before. Only
// the request's end is an error.
func (s *Service) PageContexts(ctx context.Context, vs []Listed) (map[string]PageContext, error) {
	out := map[string]PageContext{}
	type cited struct {
		sha, quote string
		page       int
	}
	read := map[cited]*pageText{}
	for _, v := range vs {
		c := v.Citation
		if !c.QuoteFound || c.SHA256 == "" {
			continue
		}
		key := cited{c.SHA256, c.Quote, c.Page}
		pt, ok := read[key]
		if !ok {
			var err error
			pt, err = s.readPassage(ctx, c)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err != nil {
				pt = nil
			}
			read[key] = pt
		}
		if pt != nil {
			out[v.ID] = pt.around(&v.Value)
		}
	}
	return out, nil
}

// pageText is a quote's passage on its page with the page's text before
// and after it.
type pageText struct {
	page                   int
	before, passage, after string
}

// readPassage reads the passage a citation's quote matches and the page
// around it; nil when the quote is not on its page (any more).
func (s *Service) readPassage(ctx context.Context, c catalog.Citation) (*pageText, error) {
	ct, err := claims.ReadCitedText(ctx, s.blobs, s.budget, c.SHA256, c.Page, c.Quote)
	if err != nil {
		return nil, err
	}
	defer ct.Close()
	m := ct.Match
	if !m.Found {
		return nil, nil
	}
	// Copies: the pages they are cut from are let go.
	return &pageText{page: m.FoundOnPage, before: strings.Clone(lastRunes(ct.Pages[m.FoundOnPage-1][:m.Start], contextRunes+1)),
		passage: strings.Clone(m.Passage(ct.Pages)), after: strings.Clone(textAfter(ct, contextRunes+1))}, nil
}

// around is the page context of v in the passage: the number it writes
// with up to contextRunes of the page either side, or the passage when it
// writes none of v.
func (pt *pageText) around(v *catalog.Value) PageContext {
	typed := v.Number
	if ns := FindNumbers(v.Given); len(ns) > 0 {
		typed = ns[0].Value
	}
	n, found, _ := locateInPassage(pt.passage, firstRunes(pt.after, afterRunes), typed, v.Number, v.Unit)
	// The number starts in the passage and may end in the text after it
	// (a quote 达到85 of 达到85.3%). Its place in the folded text is its
	// place in the page's only when folding kept every character one.
	text := []rune(pt.passage + pt.after)
	start := n.end - utf8.RuneCountInString(n.Text)
	if !found || len([]rune(fold(string(text)))) != len(text) || start < 0 || n.end > len(text) {
		shown, cut := clip(pt.passage, contextRunes*2, false)
		return PageContext{Page: pt.page, Before: shown, CutBefore: pt.before != "", CutAfter: cut || pt.after != ""}
	}
	before, cutBefore := clip(pt.before+string(text[:start]), contextRunes, true)
	after, cutAfter := clip(string(text[n.end:]), contextRunes, false)
	return PageContext{Page: pt.page, Before: before, Number: string(text[start:n.end]), After: after,
		CutBefore: cutBefore, CutAfter: cutAfter}
}

// clip is s on one line, cut to its last (fromEnd) or first limit runes,
// and whether it was cut.
func clip(s string, limit int, fromEnd bool) (string, bool) {
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	rs := []rune(s)
	if len(rs) <= limit {
		return s, false
	}
	if fromEnd {
		return string(rs[len(rs)-limit:]), true
	}
	return string(rs[:limit]), true
}

// firstRunes and lastRunes are the first and last n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func lastRunes(s string, n int) string {
	for i := len(s); i > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if n--; n == 0 {
			return s[i:]
		}
	}
	return s
}

// textAfter is the first n runes of the page text after the passage a
// cited text's quote matched, on the page the passage ends on.
func textAfter(ct *claims.CitedText, n int) string {
	m := ct.Match
	endPage, end := m.FoundOnPage, m.End
	if k := len(m.Next); k > 0 {
		endPage, end = m.Next[k-1].Page, m.Next[k-1].End
	}
	return firstRunes(ct.Pages[endPage-1][end:], n)
}

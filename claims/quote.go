package claims

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/catalog"
)

// folded is a text reduced for quote matching, with the byte offset in the
// original of every kept rune, so a match maps back to the original.
type folded struct {
	runes   []rune
	offsets []int // offsets[i] is where runes[i] starts; one extra entry: the end
}

// fold drops whitespace, punctuation and symbols, folds full-width forms to
// half-width and lower-cases, so that "共举办 342 场" in a PDF matches
// "共举办３４２场" in a statement and line breaks inside a phrase do not
// matter. Characters that show nothing (a zero-width space or a soft
// hyphen in a quote copied from a web page) are dropped too, and the
// circle a year is often written with (二○二三年) is its zero 〇, which it
// stands for, not a symbol to drop.
func fold(s string) folded {
	f := folded{}
	for i, r := range s {
		if r == '\u25CB' || r == '\u25EF' { // ○ ◯
			r = '\u3007' // 〇
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) || catalog.IsInvisible(r) {
			continue
		}
		if w := width.LookupRune(r).Folded(); w != 0 {
			r = w
		}
		r = unicode.ToLower(r)
		// Folding may turn a full-width punctuation mark into ASCII punctuation.
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		f.runes = append(f.runes, r)
		f.offsets = append(f.offsets, i)
	}
	f.offsets = append(f.offsets, len(s))
	return f
}

// find returns the original byte span of the first occurrence of q in f.
func (f folded) find(q []rune, s string) (start, end int, ok bool) {
	if len(q) == 0 || len(q) > len(f.runes) {
		return 0, 0, false
	}
	for i := 0; i+len(q) <= len(f.runes); i++ {
		if f.runes[i] != q[0] {
			continue
		}
		match := true
		for j := 1; j < len(q); j++ {
			if f.runes[i+j] != q[j] {
				match = false
				break
			}
		}
		if match {
			last := f.offsets[i+len(q)-1]
			_, size := utf8.DecodeRuneInString(s[last:])
			return f.offsets[i], last + size, true
		}
	}
	return 0, 0, false
}

// Match is where a quote was found.
type Match struct {
	Found       bool // on the cited page
	FoundOnPage int  // the page it was found on: the cited one, another, or 0 for nowhere
	Start, End  int  // byte span on FoundOnPage's text
}

// FindQuote looks for quote on the cited page (1-based) of pages and, when
// it is not there, on the other pages in order.
func FindQuote(pages []string, page int, quote string) Match {
	q := fold(quote).runes
	if len(q) == 0 {
		return Match{}
	}
	try := func(p int) (Match, bool) {
		if p < 1 || p > len(pages) {
			return Match{}, false
		}
		text := pages[p-1]
		if s, e, ok := fold(text).find(q, text); ok {
			return Match{FoundOnPage: p, Start: s, End: e}, true
		}
		return Match{}, false
	}
	if m, ok := try(page); ok {
		m.Found = true
		return m
	}
	for p := 1; p <= len(pages); p++ {
		if p == page {
			continue
		}
		if m, ok := try(p); ok {
			return m
		}
	}
	return Match{}
}

// contextRunes is how much page text is shown around a quote.
const contextRunes = 80

// Context renders the text around a match, HTML-escaped, with the quote in
// <mark>; without a match, the opening of the cited page.
func Context(pages []string, page int, m Match) string {
	if m.FoundOnPage == 0 {
		if page < 1 || page > len(pages) {
			return ""
		}
		text := pages[page-1]
		end := runeOffset(text, 0, 2*contextRunes)
		return escape(catalog.NewShownText(text, 0, end).Next(end)) + ellipsis(end < len(text))
	}
	text := pages[m.FoundOnPage-1]
	start := runeOffset(text, m.Start, -contextRunes)
	end := runeOffset(text, m.End, contextRunes)
	// The punctuation as the document wrote it (catalog.ShownText).
	shown := catalog.NewShownText(text, start, end)
	return ellipsis(start > 0) + escape(shown.Next(m.Start)) + "<mark>" + escape(shown.Next(m.End)) + "</mark>" +
		escape(shown.Next(end)) + ellipsis(end < len(text))
}

// escape escapes s for HTML on one line.
func escape(s string) string { return html.EscapeString(strings.ReplaceAll(s, "\n", " ")) }

func ellipsis(cut bool) string {
	if cut {
		return "…"
	}
	return ""
}

// runeOffset moves n runes from off (backwards when n < 0).
func runeOffset(s string, off, n int) int {
	for ; n > 0 && off < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	for ; n < 0 && off > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:off])
		off -= size
	}
	return off
}

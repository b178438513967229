package claims

import (
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// folded is the text of a document's pages reduced for quote matching:
// plain holds its kept characters, years the same with every year written
// in Chinese numerals in Arabic digits (二〇二三 → 2023), and at[i] where
// the i-th kept character is in the pages, so a match maps back to them.
type folded struct {
	plain, years []rune
	at           []place
}

// place is where a kept character is: its page (0-based) and byte span.
type place struct{ page, start, end int }

// foldPages folds the pages of a document as one text, so that a quote
// that runs from one page onto the next is found: the page number at the
// foot of a page that another follows (— 1 —, 第1页, 1/3 naming the page:
// index.FootStart) is left out, as whitespace and punctuation are.
// Only the pages [from, to) are folded.
func foldPages(pages []string, from, to int) folded {
	var f folded
	for p := from; p < to; p++ {
		text := pages[p]
		end := len(text)
		if p+1 < len(pages) {
			end = index.FootStart(pages, p)
		}
		f.add(text[:end], p)
	}
	return f
}

// add folds text, of page p, onto f. It drops whitespace, punctuation and
// symbols, and the characters that show nothing (a zero-width space or a
// soft hyphen in a quote copied from a web page: catalog.IsInvisible); it
// folds text as the index does (index.FoldText: traditional characters
// simplified, 學分銀行 → 学分银行; full-width forms half-width) and
// lower-cases, so that "共举办 342 场" in a PDF matches "共举办３４２场" in a
// statement, and line breaks inside a phrase do not matter. The circle
// and 零 a number is often written with (二○二三年, 一百零五) are its zero
// 〇, not a symbol to drop nor another word, and a year in Chinese
// numerals is also read in Arabic digits (f.years), with any sign of zero.
//
// A digit that follows another across a cell break (the " | " a
// spreadsheet's or a PDF table's row is written with, a tab, an empty
// line) is kept as a cell digit, and one after spaces alone as a spaced
// digit (digitAfter): 45 | 52 is two numbers, not 4552, so that 52 is
// found there and 45 not in 4 | 5.
func (f *folded) add(text string, p int) {
	f.addText(text, p, false)
}

// foldQuote folds a quote as add folds a page: a quote typed as the
// cells read, 上城区 45 52 or 上城区	45	52, matches the row 上城区 | 45 |
// 52, and a digit after a space or a cell break matches the page's
// however the page writes it (quoteMatches).
func foldQuote(quote string) folded {
	var q folded
	q.add(quote, 0)
	return q
}

// addText is add, folding text as if it held a traditional character
// when trad is set (index.FoldTextAsTraditional): the opening of a page
// that holds one further on folds as in the whole page.
func (f *folded) addText(text string, p int, trad bool) {
	fold := index.FoldText
	if trad {
		fold = index.FoldTextAsTraditional
	}
	// Without the conversion tables (never seen: they are embedded) the
	// text is matched as written.
	ft, orig, _ := fold(text)
	years := index.ChineseYears(ft)
	var gap cellGap // what was dropped since the last digit kept
	afterDigit := false
	for i, r := range ft {
		_, size := utf8.DecodeRuneInString(ft[i:])
		year := rune(-1)
		for len(years) > 0 && i >= years[0][1] {
			years = years[1:]
		}
		if len(years) > 0 && i >= years[0][0] {
			year = rune(index.ArabicYear(string(r))[0])
		}
		if r == '\u25CB' || r == '\u25EF' || r == '零' && besideNumeral(ft, i, size) { // ○ ◯
			r = '\u3007' // 〇
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) || catalog.IsInvisible(r) {
			gap.see(unfoldedSpace(text, orig(i), r))
			continue
		}
		if w := width.LookupRune(r).Folded(); w != 0 {
			r = w
		}
		r = unicode.ToLower(r)
		// Folding may turn a full-width punctuation mark into ASCII punctuation.
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			gap.see(r)
			continue
		}
		digit := isDigit(r)
		if digit && afterDigit {
			r = gap.digitAfter(r)
		}
		afterDigit, gap = digit, cellGap{}
		if year < 0 {
			year = r
		}
		f.plain = append(f.plain, r)
		f.years = append(f.years, year)
		f.at = append(f.at, place{page: p, start: orig(i), end: orig(i + size)})
	}
}

// unfoldedSpace is r, a space folded at text[o:], as text writes it: a
// full-width space (U+3000) folds to an ASCII one but parts more.
func unfoldedSpace(text string, o int, r rune) rune {
	if r == ' ' && o >= 0 && o < len(text) {
		if w, _ := utf8.DecodeRuneInString(text[o:]); w == '\u3000' {
			return w
		}
	}
	return r
}

// besideNumeral reports whether the character at s[i:i+size] has a
// Chinese numeral beside it, so that a 零 there is a zero (一百零五), not
// a word (零距离).
func besideNumeral(s string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+size:])
	return strings.ContainsRune(numerals, before) || strings.ContainsRune(numerals, after)
}

// numerals are the Chinese numerals a number is written with.
const numerals = "〇○◯零一二两三四五六七八九十百千万亿"

// find returns where q next occurs in runes from from on, or -1. An
// occurrence that cuts a number is none: a quote beginning or ending with
// a digit does not match where the document has another digit right
// beside it (342场 is not in 1342场, 达10 not in 达100万, nor 2023人次,
// read from 二〇二三人次, in 12023人次).
func find(runes, q []rune, from int) int {
	return findBefore(runes, q, from, len(runes))
}

// findBefore is find looking only at the places before to.
func findBefore(runes, q []rune, from, to int) int {
	for i := from; i < to && i+len(q) <= len(runes); i++ {
		if plainDigit(runes[i]) == q[0] && quoteMatches(runes[i:i+len(q)], q) && !cutsNumber(runes, q, i) {
			return i
		}
	}
	return -1
}

// quoteMatches reports whether q matches text, as long: its first
// character may be the first of a cell's number, and a digit matches the
// same digit however either writes it (digitAfter), except across a
// cell break: a digit of the text after one (45 | 52) is never one the
// quote runs on from the digit before (4552), and a digit of the quote
// after a bar or a tab (4 | 5) never one the text runs on with (45). A
// digit after a space is read either way (12 000 ⇄ 12000, 45 52 ⇄ 45 |
// 52).
func quoteMatches(text, q []rune) bool {
	if plainDigit(text[0]) != q[0] {
		return false
	}
	for k := 1; k < len(q); k++ {
		t, c := text[k], q[k]
		if t != c && (plainDigit(t) != plainDigit(c) || isCellDigit(t) && c == plainDigit(c) || isCellDigit(c) && t == plainDigit(t)) {
			return false
		}
	}
	return true
}

// cutsNumber reports whether q at runes[i:] begins or ends inside a
// number of the document: where a digit is beside it that is not parted
// from it as another cell's.
func cutsNumber(runes, q []rune, i int) bool {
	j := i + len(q)
	return i > 0 && isDigit(q[0]) && isDigit(plainDigit(runes[i-1])) && !isCellDigit(runes[i]) ||
		j < len(runes) && isDigit(plainDigit(q[len(q)-1])) && isDigit(plainDigit(runes[j])) && !isCellDigit(runes[j])
}

// isDigit reports whether r is an ASCII digit (folded text has no other
// but the cell and spaced digits: plainDigit).
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// PageSpan is a byte span of a page (1-based).
type PageSpan struct {
	Page       int
	Start, End int
}

// Match is where a quote was found.
type Match struct {
	Found       bool // it starts on the cited page
	FoundOnPage int  // the page it starts on: the cited one, another, or 0 for nowhere
	Start, End  int  // byte span on FoundOnPage's text
	// Next is the rest of a quote that runs on past the page it starts
	// on, a span on each page it runs onto.
	Next []PageSpan
	// Read is set when the quote matched a page OCR read only
	// approximately (FindQuoteRead): the characters OCR read where the
	// quote differs (甚 for 其), "" for an exact match.
	Read string
}

// Passage returns the text a match covers, as the pages write it; a quote
// that runs onto the next page is joined over the break, without the page
// number at the foot.
func (m Match) Passage(pages []string) string {
	if m.FoundOnPage == 0 {
		return ""
	}
	s := pages[m.FoundOnPage-1][m.Start:m.End]
	for _, n := range m.Next {
		s += "\n" + pages[n.Page-1][n.Start:n.End]
	}
	return s
}

// FindQuote looks for quote in pages, first where it starts on the cited
// page (1-based), then anywhere, in page order. A quote is found however
// its numbers, widths, punctuation and characters are written (folded),
// and across a page break.
func FindQuote(pages []string, page int, quote string) Match {
	q := foldQuote(quote)
	if len(q.plain) == 0 {
		return Match{}
	}
	// The cited page and the next, where a quote that starts on it runs
	// on, are read first: folding the whole of a long text costs far more
	// than the search.
	if page >= 1 && page <= len(pages) {
		near := foldPages(pages, page-1, min(page+1, len(pages)))
		if m, ok := near.onPage(q, page); ok {
			return m
		}
	}
	doc := foldPages(pages, 0, len(pages))
	if m, ok := doc.onPage(q, page); ok {
		return m
	}
	first := -1 // the first match anywhere, as an index of doc.at
	for _, v := range [][2][]rune{{doc.plain, q.plain}, {doc.years, q.years}} {
		for i := find(v[0], v[1], 0); i >= 0; i = find(v[0], v[1], i+1) {
			if first < 0 || i < first {
				first = i
			}
		}
	}
	if first < 0 {
		return Match{}
	}
	return doc.match(first, len(q.plain))
}

// onPage returns the match of q in f that starts on page (1-based), as
// written or with its years read the other way, if there is one.
func (f folded) onPage(q folded, page int) (Match, bool) {
	for _, v := range [][2][]rune{{f.plain, q.plain}, {f.years, q.years}} {
		for i := find(v[0], v[1], 0); i >= 0; i = find(v[0], v[1], i+1) {
			if f.at[i].page == page-1 {
				m := f.match(i, len(q.plain))
				m.Found = true
				return m, true
			}
		}
	}
	return Match{}, false
}

// match is the Match of the n kept characters from the i-th.
func (f folded) match(i, n int) Match {
	at := f.at[i : i+n]
	m := Match{FoundOnPage: at[0].page + 1, Start: at[0].start, End: at[0].end}
	for _, a := range at[1:] {
		switch last := &m.Next; {
		case a.page+1 == m.FoundOnPage:
			m.End = a.end
		case len(*last) > 0 && (*last)[len(*last)-1].Page == a.page+1:
			(*last)[len(*last)-1].End = a.end
		default:
			*last = append(*last, PageSpan{Page: a.page + 1, Start: a.start, End: a.end})
		}
	}
	return m
}

// contextRunes is how much page text is shown around a quote.
const contextRunes = 80

// Context renders the text around a match, HTML-escaped, with the quote in
// <mark>; without a match, the opening of the cited page. A quote that
// runs onto the next page is marked on both, with the next page's number
// between them (— 2 —).
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
	spans := append([]PageSpan{{Page: m.FoundOnPage, Start: m.Start, End: m.End}}, m.Next...)
	var b strings.Builder
	b.WriteString(ellipsis(start > 0))
	for k, sp := range spans {
		text := pages[sp.Page-1]
		from, end := sp.Start, sp.End
		if k == 0 {
			from = start
		}
		if k == len(spans)-1 {
			end = runeOffset(text, sp.End, contextRunes)
		}
		if k > 0 {
			fmt.Fprintf(&b, `<span class="page-break"> — %d — </span>`, sp.Page)
		}
		// The punctuation as the document wrote it (catalog.ShownText).
		shown := catalog.NewShownText(text, from, end)
		b.WriteString(escape(shown.Next(sp.Start)) + "<mark>" + escape(shown.Next(sp.End)) + "</mark>")
		if k == len(spans)-1 {
			b.WriteString(escape(shown.Next(end)) + ellipsis(end < len(text)))
		}
	}
	return b.String()
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

package claims

import (
	"math/bits"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// OCR misreads a character here and there on a clean scan (其 read as 甚,
// 成果 as 成宋), and a true quote typed from the paper then matched
// nothing: the coordinator had to quote the misreading to have it found.
// On a page whose text OCR gave, a quote that differs from the page by one
// or two substituted characters is taken as found, saying what OCR read.

// nearMinRunes is the fewest characters (folded: no spaces nor marks) a
// quote needs to be matched with a misread character: in a shorter one, a
// differing character is too large a share to call it the same words.
const nearMinRunes = 8

// nearTwoRunes is the fewest characters a quote needs to be matched with
// two misread characters: two of fewer would be a quarter of the quote.
const nearTwoRunes = 16

// nearMisses is how many characters may differ in a folded quote of n
// characters: none under nearMinRunes, one under nearTwoRunes, else two.
func nearMisses(n int) int {
	switch {
	case n < nearMinRunes:
		return 0
	case n < nearTwoRunes:
		return 1
	}
	return 2
}

// NearMatch is a quote found on a page OCR read, with characters OCR read
// otherwise.
type NearMatch struct {
	Start, End int    // byte span of the passage on the page
	Read       string // the page's characters where the quote differs, as OCR read them (甚)
}

// FindNearQuote looks for quote on one page's text, letting one or two of
// its characters differ (nearMisses; substitutions only, never a digit: a
// number read otherwise is another number). It is meant only for a page
// OCR read and a quote FindQuote did not find there (FindQuoteRead
// decides that).
func FindNearQuote(page, quote string) (NearMatch, bool) {
	q := foldQuote(quote).plain
	f := foldPages([]string{page}, 0, 1)
	nf, ok := newNearFinder(f.plain, q)
	if !ok {
		return NearMatch{}, false
	}
	i, misses, ok := nf.first(0, len(f.plain), nil)
	if !ok {
		return NearMatch{}, false
	}
	m := NearMatch{Start: f.at[i].start, End: f.at[i+len(q)-1].end}
	for _, k := range misses {
		m.Read += page[f.at[i+k].start:f.at[i+k].end]
	}
	return m, true
}

// nearFinder finds a folded quote in a folded text with one to
// nearMisses(len(q)) characters differing.
//
// Comparing q at every place, leaving it at the third difference, costs
// the quote's length a place on a page that repeats the quote's opening
// (a table of 第一季度…第一季度…): quadratic. Instead, with at most two
// differences, the longest common prefix at a place (pre, from a Z
// array) and the longest common suffix ending there (suf, from the Z
// array of both reversed) tell where the first and last differences are;
// a place with two needs only that what lies between them is equal,
// which rolling hashes tell in constant time (and a comparison confirms,
// once per hit). So the search is linear in text plus quote; the text is
// a window of a document's (folded.nearOn), and first searches the part
// of it a match may start in.
type nearFinder struct {
	text, t, q []rune // text as folded (whether a place cuts a number), t and q with plain digits
	pre, suf   []int
	ht, hq     rollingHash
}

// newNearFinder prepares the search for q in text; false when q is too
// short to be matched but exactly, or longer than text.
func newNearFinder(text, q []rune) (*nearFinder, bool) {
	if nearMisses(len(q)) == 0 || len(text) < len(q) {
		return nil, false
	}
	f := &nearFinder{text: text, t: plainDigits(text), q: plainDigits(q)}
	f.pre = prefixMatches(f.q, f.t)
	f.suf = prefixMatches(reversed(f.q), reversed(f.t)) // suf[n-1-j]: the common suffix of t[:j+1] and q
	f.ht, f.hq = newRollingHash(f.t), newRollingHash(f.q)
	return f, true
}

// first returns the first place i in [from, to) where q occurs with one
// to nearMisses(len(q)) characters differing, and the places in q where
// they differ, that accept takes (nil: any): the text's places a
// difference may be at are the caller's to judge.
func (f *nearFinder) first(from, to int, accept func(i int, misses []int) bool) (int, []int, bool) {
	t, q := f.t, f.q
	most, m, n := nearMisses(len(q)), len(q), len(t)
	for i := max(from, 0); i < to && i+m <= n; i++ {
		p := f.pre[i]
		if p >= m {
			continue // equal: FindQuote's to judge, by its rules of numbers
		}
		s := f.suf[n-(i+m)]
		misses := []int{p}
		if p+s < m-1 {
			last := m - 1 - s
			if most < 2 || f.ht.sum(i+p+1, i+last) != f.hq.sum(p+1, last) || !slices.Equal(t[i+p+1:i+last], q[p+1:last]) {
				continue
			}
			misses = append(misses, last)
		}
		if !nearDigitsKept(t[i:i+m], q, misses) || cutsNumber(f.text, q, i) {
			continue
		}
		if accept != nil && !accept(i, misses) {
			continue
		}
		return i, misses, true
	}
	return 0, nil, false
}

// nearDigitsKept reports whether no differing character is a digit on
// either side: 180所 is not 190所 misread.
func nearDigitsKept(text, q []rune, misses []int) bool {
	for _, k := range misses {
		if isDigit(text[k]) || isDigit(q[k]) {
			return false
		}
	}
	return true
}

// plainDigits is runes with cell and spaced digits as plain ones
// (plainDigit): an approximate match reads a table's digits as written.
func plainDigits(runes []rune) []rune {
	out := make([]rune, len(runes))
	for i, r := range runes {
		out[i] = plainDigit(r)
	}
	return out
}

func reversed(runes []rune) []rune {
	out := slices.Clone(runes)
	slices.Reverse(out)
	return out
}

// prefixMatches returns, for each place i of text, how many characters
// from there are the opening of q (at most len(q)): the Z array of q,
// a separator and text, in linear time.
func prefixMatches(q, text []rune) []int {
	s := make([]rune, 0, len(q)+1+len(text))
	s = append(append(append(s, q...), -1), text...)
	z := make([]int, len(s))
	for i, l, r := 1, 0, 0; i < len(s); i++ {
		if i < r {
			z[i] = min(r-i, z[i-l])
		}
		for i+z[i] < len(s) && s[z[i]] == s[i+z[i]] {
			z[i]++
		}
		if i+z[i] > r {
			l, r = i, i+z[i]
		}
	}
	return z[len(q)+1:]
}

// rollingHash holds the polynomial hashes of a text's openings modulo the
// Mersenne prime 2^61−1, so that any span's hash is two look-ups.
type rollingHash struct{ pre, pow []uint64 }

const hashMod, hashBase = 1<<61 - 1, 1_000_003

func newRollingHash(runes []rune) rollingHash {
	h := rollingHash{pre: make([]uint64, len(runes)+1), pow: make([]uint64, len(runes)+1)}
	h.pow[0] = 1
	for i, r := range runes {
		h.pre[i+1] = addMod(mulMod(h.pre[i], hashBase), uint64(r)+1)
		h.pow[i+1] = mulMod(h.pow[i], hashBase)
	}
	return h
}

// sum is the hash of runes[from:to].
func (h rollingHash) sum(from, to int) uint64 {
	return addMod(h.pre[to], hashMod-mulMod(h.pre[from], h.pow[to-from]))
}

func mulMod(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	// a·b = hi·2^64 + lo, and 2^64 ≡ 2^3 (mod 2^61−1).
	r := (lo & hashMod) + (lo >> 61) + (hi << 3)
	for r >= hashMod {
		r -= hashMod
	}
	return r
}

func addMod(a, b uint64) uint64 {
	r := a + b
	if r >= hashMod {
		r -= hashMod
	}
	return r
}

// FindQuoteRead is the one rule of where a quote is found, for every
// path that checks or checks again a claim's, a value's or a link's
// quote: FindQuote, and, where that finds it nowhere, a match with one or
// two characters OCR read otherwise (nearFinder) where those characters
// are on a page OCR read (sources, catalog.Reading.PageSources: nil when
// every page is text), starting on the cited page first, then anywhere in
// page order, and across a page break as FindQuote finds a quote (the
// page number at the foot left out). Such a match has Read set; a text
// layer or a DOCX never matches but exactly.
func FindQuoteRead(pages, sources []string, page int, quote string) Match {
	if m := FindQuote(pages, page, quote); m.FoundOnPage > 0 {
		return m
	}
	q := foldQuote(quote).plain
	if !slices.ContainsFunc(sources, readByOCR) || nearMisses(len(q)) == 0 {
		return Match{}
	}
	doc := foldPages(pages, 0, len(pages))
	// The cited page's places are one run of doc's.
	from := slices.IndexFunc(doc.at, func(a place) bool { return a.page == page-1 })
	to := from
	for to >= 0 && to < len(doc.at) && doc.at[to].page == page-1 {
		to++
	}
	if from >= 0 {
		if m, ok := doc.nearOn(pages, sources, q, from, to); ok {
			m.Found = true
			return m
		}
	}
	// Then anywhere, in spans of at least the quote's length: each span
	// searched costs the quote's length past it, so a span a page would
	// cost pages × quote in a text of many short pages.
	span := max(len(q), nearSpan)
	for from := 0; from < len(doc.plain); from += span {
		if m, ok := doc.nearOn(pages, sources, q, from, min(from+span, len(doc.plain))); ok {
			return m
		}
	}
	return Match{}
}

// nearSpan is the fewest places FindQuoteRead searches at once for a
// match starting anywhere.
const nearSpan = 16 << 10

// readByOCR says whether a page read as source may hold a character OCR
// read otherwise: a page OCR read, with low confidence too. The rule of
// one or two characters in a quote of 8 or 16 bounds how loosely a quote
// matches whatever the page; on a page read badly a true quote differs
// most often, and its mark (识别为…) sends the reviewer to the scan.
func readByOCR(source string) bool {
	return source == catalog.SourceOCR || source == catalog.SourceOCRLow
}

// nearOn is the first match of q in f, the folded text of pages, with one
// or two characters differing (nearFinder), starting at a place in
// [from, to), whose differing characters are all on pages OCR read
// (sources, by page index), with what OCR read there. Found is the
// caller's to set. The search is made on the places from the one before
// from to len(q) past to, all a match starting there depends on: so a
// page at a time holds that page's length in memory, not the text's.
func (f folded) nearOn(pages, sources []string, q []rune, from, to int) (Match, bool) {
	lo, hi := max(from-1, 0), min(to+len(q), len(f.plain))
	if lo >= hi || !slices.ContainsFunc(f.at[from:hi], func(a place) bool { return a.page < len(sources) && readByOCR(sources[a.page]) }) {
		return Match{}, false
	}
	nf, ok := newNearFinder(f.plain[lo:hi], q)
	if !ok {
		return Match{}, false
	}
	ocr := func(i int, misses []int) bool {
		for _, k := range misses {
			if p := f.at[lo+i+k].page; p >= len(sources) || !readByOCR(sources[p]) {
				return false
			}
		}
		return true
	}
	i, misses, ok := nf.first(from-lo, to-lo, ocr)
	if !ok {
		return Match{}, false
	}
	m := f.match(lo+i, len(q))
	for _, k := range misses {
		a := f.at[lo+i+k]
		m.Read += pages[a.page][a.start:a.end]
	}
	return m, true
}

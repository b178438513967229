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
	if nearMisses(len(q)) == 0 {
		return NearMatch{}, false
	}
	f := foldPages([]string{page}, 0, 1)
	i, misses, ok := nearIn(f.plain, q)
	if !ok {
		return NearMatch{}, false
	}
	m := NearMatch{Start: f.at[i].start, End: f.at[i+len(q)-1].end}
	for _, k := range misses {
		m.Read += page[f.at[i+k].start:f.at[i+k].end]
	}
	return m, true
}

// nearIn returns the first place in text where q occurs with one to
// nearMisses(len(q)) characters differing, and the places in q where
// they differ.
//
// Comparing q at every place, leaving it at the third difference, costs
// the quote's length a place on a page that repeats the quote's opening
// (a table of 第一季度…第一季度…): quadratic. Instead, with at most two
// differences, the longest common prefix at a place (pre, from a Z
// array) and the longest common suffix ending there (suf, from the Z
// array of both reversed) tell where the first and last differences are;
// a place with two needs only that what lies between them is equal,
// which rolling hashes tell in constant time (and a comparison confirms,
// once per hit). So the search is linear in page plus quote.
func nearIn(text, q []rune) (int, []int, bool) {
	most := nearMisses(len(q))
	m, n := len(q), len(text)
	if most == 0 || n < m {
		return 0, nil, false
	}
	t := plainDigits(text)
	q = plainDigits(q)
	pre := prefixMatches(q, t)
	suf := prefixMatches(reversed(q), reversed(t)) // suf[n-1-j]: the common suffix of t[:j+1] and q
	ht, hq := newRollingHash(t), newRollingHash(q)
	for i := 0; i+m <= n; i++ {
		p := pre[i]
		if p >= m {
			continue // equal: FindQuote's to judge, by its rules of numbers
		}
		s := suf[n-(i+m)]
		misses := []int{p}
		if p+s < m-1 {
			last := m - 1 - s
			if most < 2 || ht.sum(i+p+1, i+last) != hq.sum(p+1, last) || !slices.Equal(t[i+p+1:i+last], q[p+1:last]) {
				continue
			}
			misses = append(misses, last)
		}
		if !nearDigitsKept(t[i:i+m], q, misses) || cutsNumber(text, q, i) {
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
// two characters OCR read otherwise (FindNearQuote) on a page OCR read
// (sources, catalog.Reading.PageSources: nil when every page is text),
// the cited page first, then the others in order. Such a match has Read
// set; a text layer or a DOCX never matches but exactly.
func FindQuoteRead(pages, sources []string, page int, quote string) Match {
	if m := FindQuote(pages, page, quote); m.FoundOnPage > 0 {
		return m
	}
	if !slices.Contains(sources, catalog.SourceOCR) || nearMisses(len(foldQuote(quote).plain)) == 0 {
		return Match{}
	}
	order := make([]int, 0, len(pages))
	if page >= 1 && page <= len(pages) {
		order = append(order, page-1)
	}
	for i := range pages {
		if i != page-1 {
			order = append(order, i)
		}
	}
	for _, i := range order {
		if i >= len(sources) || sources[i] != catalog.SourceOCR {
			continue
		}
		if nm, ok := FindNearQuote(pages[i], quote); ok {
			return Match{Found: i == page-1, FoundOnPage: i + 1, Start: nm.Start, End: nm.End, Read: nm.Read}
		}
	}
	return Match{}
}

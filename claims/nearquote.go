package claims

import "unicode"

// OCR misreads a character here and there on a clean scan (其 read as 甚,
// 成果 as 成宋), and a true quote typed from the paper then matched
// nothing: the coordinator had to quote the misreading to have it found.
// On a page whose text OCR gave, a quote that differs from the page by one
// or two substituted characters is taken as found, saying what OCR read.

// nearMinRunes is the fewest characters (folded: no spaces nor marks) a
// quote needs to be matched with a misread character or two: in a shorter
// one, two differing characters are too large a share to call it the
// same words.
const nearMinRunes = 12

// nearMaxMisses is how many characters may differ.
const nearMaxMisses = 2

// NearMatch is a quote found on a page OCR read, with characters OCR read
// otherwise.
type NearMatch struct {
	Start, End int    // byte span of the passage on the page
	Read       string // the page's characters where the quote differs, as OCR read them (甚)
}

// FindNearQuote looks for quote on one page's text, letting one or two of
// its characters differ (substitutions only, never a digit: a number read
// otherwise is another number). It is meant only for a page OCR read and a
// quote FindQuote did not find there. The scan compares the quote at each
// place and leaves a place at the third difference, so it costs a few
// comparisons a character of the page, not the quote's length times.
func FindNearQuote(page, quote string) (NearMatch, bool) {
	q := foldQuote(quote).plain
	if len(q) < nearMinRunes {
		return NearMatch{}, false
	}
	f := foldPages([]string{page}, 0, 1)
	for i := 0; i+len(q) <= len(f.plain); i++ {
		misses, ok := nearAt(f.plain[i:i+len(q)], q)
		if !ok {
			continue
		}
		m := NearMatch{Start: f.at[i].start, End: f.at[i+len(q)-1].end}
		for _, k := range misses {
			m.Read += page[f.at[i+k].start:f.at[i+k].end]
		}
		return m, true
	}
	return NearMatch{}, false
}

// nearAt returns the places where q differs from text, of q's length,
// when they are one or two and none is a digit on either side.
func nearAt(text, q []rune) ([]int, bool) {
	var misses []int
	for k := range q {
		if text[k] == q[k] {
			continue
		}
		if len(misses) == nearMaxMisses || unicode.IsDigit(text[k]) || unicode.IsDigit(q[k]) {
			return nil, false
		}
		misses = append(misses, k)
	}
	return misses, len(misses) > 0
}

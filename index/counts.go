package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// Counts written in Chinese numerals (一万二千人, 两万人, 1万2千人) are
// held in the n-gram fields a second time as one token of their number in
// Arabic digits and their unit (zh.CountToken: #12000人). A query word
// that starts with a count before its unit (12000人, 1.2万人次, 12000余人)
// finds them by that token and the pairs of the rest of the word
// (newCountQuery; Matcher.Find finds them the same way: FindCount); a
// query word in Chinese numerals is searched in Arabic
// digits (arabicCounts), in all of their forms, so that 一万二千人 finds
// 12000人 and 1.2万人 as well, and never 十一万二千人. A count with words
// before it in the query (培训12000人) finds only the counts written as
// the query writes them: 培训一万二千人 finds 培训12000人 and itself,
// 培训12000人 not 培训一万二千人.

// arabicCounts returns word with its counts in Chinese numerals written
// in Arabic digits (一万二千人 → 12000人, 十二万人次 → 120000人次), true,
// and whether the word starts with one; false when word has none
// (zh.ChineseCounts).
func arabicCounts(word string) (arabic string, ok, atStart bool) {
	rs := []rune(width.Fold.String(word))
	counts := zh.ChineseCounts(rs)
	if len(counts) == 0 {
		return "", false, false
	}
	var b strings.Builder
	last := 0
	for _, c := range counts {
		b.WriteString(string(rs[last:c.Start]))
		b.WriteString(c.Number)
		last = c.End
	}
	b.WriteString(string(rs[last:]))
	return b.String(), true, counts[0].Start == 0
}

// countPhrase returns what a substring query word that starts with a
// count before its unit finds written in Chinese numerals: the count's
// number in Arabic digits and the rest of the word from its unit on
// (12000人次 is 12000 and 人次, 1.2万人 12000 and 人); false for any other
// word.
func countPhrase(sub string) (number string, rest string, ok bool) {
	w := width.Fold.String(sub)
	n, ok := countBeforeUnit(w)
	if !ok || n.start != 0 {
		return "", "", false
	}
	return zh.NumberString(n.value), w[n.end:], true
}

// newCountQuery is the pairPhraseQuery of countPhrase in an n-gram field;
// nil when sub starts with no count.
func newCountQuery(sub, field string, boost float64) *pairPhraseQuery {
	number, rest, ok := countPhrase(sub)
	if !ok {
		return nil
	}
	unit, _ := utf8.DecodeRuneInString(rest)
	token := string(zh.CountToken(number, unit))
	q := &pairPhraseQuery{field: field, boost: boost, terms: []string{token}, slots: []pairSlot{{term: 0}}}
	defer q.setUnitEnd(sub) // 12000人 does not find 一万二千人次
	if utf8.RuneCountInString(rest) < 2 {
		return q
	}
	// The unit's pair is one after the count's token, which stands at the
	// pair that ends at the unit; the token is no pair, so the rest's
	// terms are its own, one further on.
	r := newPairPhraseQuery(rest, field, boost)
	if r == nil {
		return q
	}
	q.terms = append(q.terms, r.terms...)
	for _, sl := range r.slots {
		q.slots = append(q.slots, pairSlot{term: sl.term + 1, offset: sl.offset + 1})
	}
	return q
}

// CountNumber returns the number of word, a query word that is a count
// before its unit and nothing more (12.5万人, 342场次, 12,000元), as
// written: 12.5万, 342, 12,000; false for any other word (a bare number,
// a count with words after its unit, 第12000期). Search suggests the
// number alone when such a word finds nothing: a count with its unit
// matches only where the unit ends (12.5万人 is not in 12.5万人次), the
// number alone matches whatever follows it.
func CountNumber(word string) (string, bool) {
	w := width.Fold.String(word)
	n, ok := countBeforeUnit(w)
	if !ok || n.start != 0 {
		return "", false
	}
	unit := []rune(w[n.end:])
	if len(unit) > 2 {
		return "", false
	}
	for _, r := range unit {
		if !unicode.Is(unicode.Han, r) {
			return "", false
		}
	}
	return w[:n.end], true
}

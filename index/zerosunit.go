package index

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// A number typed with its unit finds the same value written with trailing
// zeros before the unit: 96.5% finds 96.50%, 12.3万人 12.30万人, 3.5亿元
// 3.50亿元 (zh.ZerosToken says how the index holds them). The query word
// is searched once more for each place where it writes a number right
// before another character (zh.ZeroCuts): its pairs up to the number's
// last digit, the token of that digit and the character after, then the
// pair of the text's last zero and that character wherever the zeros end
// (the query's gap), and the rest of the word from there. The rule of the
// index holds: 96.5% finds neither 196.5% nor 96.51%, 3.1条 not 第3.10条.

// newZerosQueries are those searches of sub, a substring query word, in
// field; none when it writes no number before another character.
func newZerosQueries(sub, field string, boost float64) []query.Query {
	var out []query.Query
	for _, cut := range zh.ZeroCuts(sub) {
		if q := newZerosQuery(sub, cut, field, boost); q != nil {
			out = append(out, q)
		}
	}
	return out
}

// newZerosQuery is the search of sub with trailing zeros at cut; nil when
// the digit before cut stands alone after whitespace (达 9%), whose lone
// token the text, holding it in 9.0%, does not have.
func newZerosQuery(sub string, cut int, field string, boost float64) *pairPhraseQuery {
	head, tail := sub[:cut], sub[cut:]
	q := &pairPhraseQuery{field: field, boost: boost}
	q.setUnitEnd(sub)
	add := func(term string, offset uint64) {
		i := slices.Index(q.terms, term)
		if i < 0 {
			i = len(q.terms)
			q.terms = append(q.terms, term)
		}
		q.slots = append(q.slots, pairSlot{term: i, offset: offset})
	}
	var next uint64 // the offset of the pair after the head's last
	if hs := []rune(head); len(hs) > 1 {
		if unicode.IsSpace(hs[len(hs)-2]) {
			return nil
		}
		toks := zh.Bigrams([]byte(head), true)
		for _, t := range toks {
			add(string(t.Term), uint64(t.Position-toks[0].Position))
		}
		next = uint64(toks[len(toks)-1].Position-toks[0].Position) + 1
	}
	add(string(zh.ZeroCutToken(sub, cut)), next)
	// The tail after a zero, so that its pairs and their positions are
	// those of the text after its last zero; the first, that zero's pair
	// with the unit, is the gap's, unmarked as the text has it.
	toks := zh.Bigrams([]byte("0"+tail), true)
	u, _ := utf8.DecodeRuneInString(tail)
	toks[0].Term = []byte("0" + string(u))
	q.gap = len(q.slots)
	for _, t := range toks {
		add(string(t.Term), uint64(t.Position-toks[0].Position))
	}
	return q
}

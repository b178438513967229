package index

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// A number typed with its unit finds the same value written with trailing
// zeros before the unit: 96.5% finds 96.50%, 12.3万人 12.30万人, 3.5亿元
// 3.50亿元 (zh.ZerosToken says how the index holds them). The query word
// is searched once more, with a choice at each place where it writes a
// number right before another character (zh.ZeroCuts): there the text
// has either the word's own pair of the digit and that character, or the
// token of the two and, wherever the zeros end, the pair of the last zero
// and the character (the cut's gap), the rest of the word after it. So
// every number of the word may be written with zeros or without
// (96.5%提高到98.2% finds 96.50%提高到98.20%) in one search, not one per
// choice; it takes the zeros at one cut at least, the word's own search
// finds the rest. The rule of the index holds: 96.5% finds neither 196.5%
// nor 96.51%, 3.1条 not 第3.10条.

// zerosCut is a cut of a zeros query: the word's pair of the digit and
// the character after it (direct), or the ZerosToken of the two (zeros)
// then the pair of a zero and the character (gap). direct and gap index
// the query's read terms, zeros its zeros terms.
type zerosCut struct {
	offset             uint64
	direct, zeros, gap int
}

// newZerosQuery is that search of sub, a substring query word, in field;
// nil when it writes no number before another character.
func newZerosQuery(sub, field string, boost float64) *pairPhraseQuery {
	cuts := zh.ZeroCuts(sub)
	if len(cuts) == 0 {
		return nil
	}
	q := &pairPhraseQuery{field: field, boost: boost}
	q.setUnitEnd(sub)
	toks := zh.Bigrams([]byte(sub), true)
	first := toks[0].Position
	// The cuts' pairs, at the byte where their digit begins.
	atCut := map[int]int{}
	for _, cut := range cuts {
		_, n := utf8.DecodeLastRuneInString(sub[:cut])
		atCut[cut-n] = cut
	}
	for _, t := range toks {
		if _, ok := atCut[t.Start]; !ok {
			q.addSlot(string(t.Term), uint64(t.Position-first))
		}
	}
	for _, t := range zh.Bigrams([]byte(sub), false) {
		cut, ok := atCut[t.Start]
		if !ok || utf8.RuneCount(t.Term) != 2 {
			continue
		}
		q.cuts = append(q.cuts, zerosCut{offset: uint64(t.Position - first),
			direct: q.readTerm(string(zerosMark(t.Term, t.Start == 0))),
			zeros:  q.zerosTerm(string(zh.ZeroCutToken(sub, cut))),
			gap:    q.readTerm("0" + string([]rune(string(t.Term))[1:]))})
	}
	return q
}

// zerosMark marks the word's first pair as a query's is (zh.Bigrams).
func zerosMark(pair []byte, first bool) []byte {
	if first {
		return append([]byte("^"), pair...)
	}
	return pair
}

// addSlot adds a pair every match has at offset.
func (q *pairPhraseQuery) addSlot(term string, offset uint64) {
	i := slices.Index(q.terms, term)
	if i < 0 {
		i = len(q.terms)
		q.terms = append(q.terms, term)
	}
	q.slots = append(q.slots, pairSlot{term: i, offset: offset})
}

func (q *pairPhraseQuery) readTerm(term string) int {
	if i := slices.Index(q.read, term); i >= 0 {
		return i
	}
	q.read = append(q.read, term)
	return len(q.read) - 1
}

func (q *pairPhraseQuery) zerosTerm(term string) int {
	if i := slices.Index(q.zeros, term); i >= 0 {
		return i
	}
	q.zeros = append(q.zeros, term)
	return len(q.zeros) - 1
}

// zerosSearcher finds the documents with one of q's ZerosTokens at least.
func (q *pairPhraseQuery) zerosSearcher(ctx context.Context, r bleveindex.IndexReader, options search.SearcherOptions) (search.Searcher, error) {
	return anyTermSearcher(ctx, r, q.zeros, q.field, q.boost, options)
}

// anyTermSearcher finds the documents with one of terms at least in field.
func anyTermSearcher(ctx context.Context, r bleveindex.IndexReader, terms []string, field string, boost float64, options search.SearcherOptions) (search.Searcher, error) {
	var zs []search.Searcher
	for _, t := range terms {
		s, err := searcher.NewTermSearcher(ctx, r, t, field, boost, options)
		if err != nil {
			for _, s := range zs {
				s.Close()
			}
			return nil, fmt.Errorf("term %q: %w", t, err)
		}
		zs = append(zs, s)
	}
	if len(zs) == 1 {
		return zs[0], nil
	}
	d, err := searcher.NewDisjunctionSearcher(ctx, r, zs, 1, options)
	if err != nil {
		for _, s := range zs {
			s.Close()
		}
		return nil, fmt.Errorf("any of %v: %w", terms, err)
	}
	return d, nil
}

// posReader reads the positions of one of a zeros query's read terms in
// the documents the search reaches, which come in order.
type posReader struct {
	tfr  bleveindex.TermFieldReader
	doc  *bleveindex.TermFieldDoc
	done bool
	pos  []uint64
	locs []search.Location
}

// load reads the term's positions in document id, and its locations.
func (p *posReader) load(id bleveindex.IndexInternalID) error {
	p.pos, p.locs = p.pos[:0], p.locs[:0]
	if !p.done && (p.doc == nil || p.doc.ID.Compare(id) < 0) {
		d, err := p.tfr.Advance(id, nil)
		if err != nil {
			return err
		}
		p.doc, p.done = d, d == nil
	}
	if p.doc == nil || p.doc.ID.Compare(id) != 0 {
		return nil
	}
	for _, v := range p.doc.Vectors {
		p.pos = append(p.pos, v.Pos)
		p.locs = append(p.locs, search.Location{Pos: v.Pos, Start: v.Start, End: v.End, ArrayPositions: v.ArrayPositions})
	}
	return nil
}

// matchesZeros is matches for a zeros query, whose positions of the
// slots' and zeros terms are read.
func (s *pairPhraseSearcher) matchesZeros(dm *search.DocumentMatch) bool {
	for _, p := range s.read {
		if err := p.load(dm.IndexInternalID); err != nil {
			s.err = fmt.Errorf("pair at a cut: %w", err)
			return false
		}
	}
	kept := dm.FieldTermLocations[:0]
	found := false
	for _, p := range s.firstPlaces() {
		var locs []search.FieldTermLocation
		last, ok := s.walk(p, &locs)
		if !ok {
			continue
		}
		if s.unitGoesOn(dm.IndexInternalID, last) {
			if s.err != nil {
				return false
			}
			continue
		}
		found = true
		if !s.keep {
			break
		}
		kept = append(kept, locs...)
	}
	if found {
		dm.FieldTermLocations = kept
	}
	return found
}

// firstPlaces are where the word's first pair may stand: its slot's, or,
// when it is a cut's, its direct pair's and its ZerosToken's.
func (s *pairPhraseSearcher) firstPlaces() []uint64 {
	if len(s.q.slots) > 0 && s.q.slots[0].offset == 0 {
		return s.pos[s.q.slots[0].term]
	}
	c := s.q.cuts[0]
	out := slices.Concat(s.read[c.direct].pos, s.zpos[c.zeros])
	slices.Sort(out)
	return out
}

// walk reports whether the word stands from p with trailing zeros at one
// cut at least, and where its last pair stands; with keep it appends the
// locations of its pairs to locs.
func (s *pairPhraseSearcher) walk(p uint64, locs *[]search.FieldTermLocation) (last uint64, ok bool) {
	var shift uint64
	zeros := false
	add := func(term string, pos []uint64, ls []search.Location, at uint64) bool {
		j, ok := slices.BinarySearch(pos, at)
		if ok && s.keep {
			*locs = append(*locs, search.FieldTermLocation{Field: s.q.field, Term: term, Location: ls[j]})
		}
		return ok
	}
	slots, cuts := s.q.slots, s.q.cuts
	for len(slots) > 0 || len(cuts) > 0 {
		if len(cuts) == 0 || len(slots) > 0 && slots[0].offset < cuts[0].offset {
			sl := slots[0]
			slots, last = slots[1:], p+shift+sl.offset
			if !add(s.q.terms[sl.term], s.pos[sl.term], s.locs[sl.term], last) {
				return 0, false
			}
			continue
		}
		c := cuts[0]
		cuts, last = cuts[1:], p+shift+c.offset
		direct := s.read[c.direct]
		if add(s.q.read[c.direct], direct.pos, direct.locs, last) {
			continue
		}
		if !add(s.q.zeros[c.zeros], s.zpos[c.zeros], s.zlocs[c.zeros], last) {
			return 0, false
		}
		gap := s.read[c.gap]
		j, _ := slices.BinarySearch(gap.pos, last+1)
		if j == len(gap.pos) || gap.pos[j] > last+maxZeros {
			return 0, false
		}
		shift += gap.pos[j] - last
		last, zeros = gap.pos[j], true
		add(s.q.read[c.gap], gap.pos, gap.locs, last)
	}
	return last, zeros
}

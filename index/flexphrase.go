package index

import (
	"cmp"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// flexPlan is how a pairPhraseQuery matches a word whose clause marks
// may be any or none in the text (zh.Flex): its slots are the pairs
// inside its parts, at their offsets in the word without the marks, and
// at each join the parts stand adjacent or one position further apart,
// a mark's pair between them. The conjunction asks, besides the parts'
// pairs, for one of the pairs that may stand at each join (joinAny), so
// that the documents with the parts apart are not read; the pairs at a
// join are read at its place only for the documents that have them.
//
// A zeros plan (newFlexZerosQuery) also lets the word's numbers be
// written with trailing zeros before their units, as a zeros query does
// (zerosunit.go): at its parts' cuts, and at a join after a digit; a
// match takes them at one place at least, the plain plan finds the rest.
type flexPlan struct {
	parts []flexPart
	joins []flexJoin
	// runes is the length of the word without its marks.
	runes uint64
	zeros bool
}

// flexPart is one part: the slots of the query that are its pairs (none
// for a part of one character, which its joins' pairs pin), and in a
// zeros plan the cuts where the text may write zeros, whose pairs are
// no slots.
type flexPart struct {
	from, to int // slots[from:to]
	lone     bool
	cuts     []flexCut
}

// flexCut is a cut of a part in a zeros plan: at offset the pair of the
// digit and the character after it (direct), or its ZerosToken (zeros)
// then, wherever the zeros end, the pair of a zero and the character
// (gap).
type flexCut struct {
	offset             uint64
	direct, zeros, gap string
}

// flexJoin is the place after a part: at is the offset of the part's
// last character, the position of the pair it starts. cross is the pair
// of the characters either side, left the pairs of the last character
// and each mark, right those of each mark and the next character (with
// the marks the join allows: zh.FlexJoin.Marks). In a zeros plan where
// the text may write zeros at the join (zh.Flex.ZerosAtJoin), zeros are
// the ZerosTokens of its digit and the next character, then of each
// mark, and gaps the pairs of a zero and the same.
type flexJoin struct {
	skip        bool
	at          uint64
	cross       string
	left, right []string
	zeros, gaps []string
}

// newFlexPhraseQuery returns the query for f, a substring query word with
// flexible marks, in field; nil when no part has a pair.
func newFlexPhraseQuery(f zh.Flex, field string, boost float64) *pairPhraseQuery {
	return newFlexQuery(f, field, boost, false)
}

// newFlexZerosQuery returns the query for f with trailing zeros at one
// of its places at least; nil when it has none (zh.Flex.HasZeros) or no
// part has a pair.
func newFlexZerosQuery(f zh.Flex, field string, boost float64) *pairPhraseQuery {
	if !f.HasZeros() {
		return nil
	}
	return newFlexQuery(f, field, boost, true)
}

func newFlexQuery(f zh.Flex, field string, boost float64, zeros bool) *pairPhraseQuery {
	q := &pairPhraseQuery{field: field, boost: boost, flex: &flexPlan{zeros: zeros}}
	var whole []rune
	for k, part := range f.Parts {
		from := uint64(len(whole))
		pr := []rune(part)
		fp := flexPart{from: len(q.slots), lone: len(pr) < 2}
		if k > 0 {
			j := newFlexJoin(whole[len(whole)-1], pr[0], from-1, f.Joins[k-1])
			if zeros && f.ZerosAtJoin(k-1) {
				prev := f.Parts[k-1]
				for _, u := range append([]rune{pr[0]}, []rune(f.Joins[k-1].Marks)...) {
					j.zeros = append(j.zeros, string(zh.ZeroCutToken(prev+string(u), len(prev))))
					j.gaps = append(j.gaps, "0"+string(u))
				}
				q.zeros = append(q.zeros, j.zeros...)
			}
			q.flex.joins = append(q.flex.joins, j)
			q.joinAny = append(q.joinAny, slices.Concat([]string{j.cross}, j.left, j.zeros))
		}
		if !fp.lone {
			var cutAt []uint64 // the cuts' offsets in the part
			if zeros {
				for _, c := range zh.ZeroCuts(part) {
					at := uint64(utf8.RuneCountInString(part[:c]) - 1)
					pair := string(pr[at : at+2])
					cutAt = append(cutAt, at)
					fp.cuts = append(fp.cuts, flexCut{offset: from + at,
						direct: string(zerosMark([]byte(pair), at == 0)),
						zeros:  string(zh.ZeroCutToken(part, c)),
						gap:    "0" + string(pr[at+1])})
					q.zeros = append(q.zeros, fp.cuts[len(fp.cuts)-1].zeros)
				}
			}
			toks := zh.Bigrams([]byte(part), true)
			first := toks[0].Position
			for _, t := range toks {
				if off := uint64(t.Position - first); !slices.Contains(cutAt, off) {
					q.addSlot(string(t.Term), from+off)
				}
			}
		}
		fp.to = len(q.slots)
		q.flex.parts = append(q.flex.parts, fp)
		whole = append(whole, pr...)
	}
	if len(q.slots) == 0 && !zeros {
		return nil
	}
	slices.Sort(q.zeros)
	q.zeros = slices.Compact(q.zeros)
	q.flex.runes = uint64(len(whole))
	q.setUnitEnd(string(whole))
	return q
}

func newFlexJoin(before, after rune, at uint64, join zh.FlexJoin) flexJoin {
	j := flexJoin{skip: join.Skip, at: at, cross: string([]rune{before, after})}
	for _, m := range join.Marks {
		j.left = append(j.left, string([]rune{before, m}))
		j.right = append(j.right, string([]rune{m, after}))
	}
	return j
}

// flexMatch is the state of matching a flexPlan in one document at one
// start: q0 is the position the word's first character's pair would
// have with no mark before it.
type flexMatch struct {
	s  *pairPhraseSearcher
	id bleveindex.IndexInternalID
	q0 uint64
	// locs are the locations of the pairs on the path tried, zeros the
	// places on it where the text writes trailing zeros.
	locs  []search.FieldTermLocation
	zeros int
}

// flexMatches is matches for a flexPlan: every start of the word in dm,
// found from the first part with a pair, each start tried once and its
// locations kept once.
func (s *pairPhraseSearcher) flexMatches(dm *search.DocumentMatch, kept []search.FieldTermLocation) ([]search.FieldTermLocation, bool) {
	plan := s.q.flex
	a := 0
	for plan.parts[a].lone {
		a++
	}
	// The first part with a pair stands a position further for each
	// mark before it: the starts are each position of its first pair (or
	// cut, whose zeros come after it) less its offset, less 0 to a.
	part := plan.parts[a]
	var anchor uint64
	s.flexStarts = s.flexStarts[:0]
	addStarts := func(ps []uint64) {
		for _, p := range ps {
			for shift := uint64(0); shift <= uint64(a) && shift+anchor <= p; shift++ {
				s.flexStarts = append(s.flexStarts, p-anchor-shift)
			}
		}
	}
	if len(part.cuts) == 0 || part.from < part.to && s.q.slots[part.from].offset < part.cuts[0].offset {
		first := s.q.slots[part.from]
		anchor = first.offset
		addStarts(s.pos[first.term])
	} else {
		c := part.cuts[0]
		anchor = c.offset
		for _, t := range []string{c.direct, c.zeros} {
			ps, err := s.positions(dm.IndexInternalID, t)
			if err != nil {
				s.err = err
				return kept, false
			}
			addStarts(ps)
		}
	}
	slices.Sort(s.flexStarts)
	s.flexStarts = slices.Compact(s.flexStarts)
	found := false
	n := len(kept)
	for _, q0 := range s.flexStarts {
		m := flexMatch{s: s, id: dm.IndexInternalID, q0: q0, locs: s.flexLocs[:0]}
		end, ok := m.walk(0, 0, false)
		s.flexLocs = m.locs
		if s.err != nil {
			return kept, false
		}
		if !ok || s.unitGoesOn(dm.IndexInternalID, end-1) {
			continue
		}
		found = true
		if !s.keep {
			return kept, true
		}
		kept = append(kept, m.locs...)
	}
	// Matches that overlap share pairs (a join's pair is the next
	// match's slot): each location once.
	byPlace := func(a, b search.FieldTermLocation) int {
		return cmp.Or(cmp.Compare(a.Location.Pos, b.Location.Pos), cmp.Compare(a.Term, b.Term))
	}
	slices.SortFunc(kept[n:], byPlace)
	kept = slices.CompactFunc(kept, func(a, b search.FieldTermLocation) bool { return byPlace(a, b) == 0 })
	return kept, found
}

// walk matches the parts from k on, shift positions after their place
// without marks or zeros; skipped tells whether a skip of this stretch
// held a mark. It returns the position of the word's last character's
// pair. A join holds a mark, zeros or neither, never two of them, so one
// way at most goes on.
func (m *flexMatch) walk(k int, shift uint64, skipped bool) (uint64, bool) {
	plan := m.s.q.flex
	part := plan.parts[k]
	shift, ok := m.part(part, shift)
	if !ok {
		return 0, false
	}
	if k == len(plan.joins) {
		if plan.zeros && m.zeros == 0 {
			return 0, false
		}
		return m.q0 + plan.runes - 1 + shift, true
	}
	j := plan.joins[k]
	if !j.skip {
		skipped = false
	}
	next := plan.parts[k+1]
	at := m.q0 + j.at + shift
	n, z := len(m.locs), m.zeros
	if !part.lone && !next.lone || m.pairAt(j.cross, at) {
		if end, ok := m.walk(k+1, shift, skipped); ok {
			return end, true
		}
	}
	m.locs, m.zeros = m.locs[:n], z
	if m.s.err != nil {
		return 0, false
	}
	if !(j.skip && skipped) {
		for i, left := range j.left {
			if !m.pairAt(left, at) {
				continue
			}
			if next.lone && !m.pairAt(j.right[i], at+1) {
				break
			}
			return m.walk(k+1, shift+1, j.skip)
		}
		m.locs = m.locs[:n]
	}
	for i, zt := range j.zeros {
		if !m.pairAt(zt, at) {
			continue
		}
		g, ok := m.pairAfter(j.gaps[i], at)
		if !ok {
			break
		}
		m.zeros++
		if i == 0 {
			return m.walk(k+1, shift+g-at, skipped)
		}
		if j.skip && skipped || next.lone && !m.pairAt(j.right[i-1], g+1) {
			break
		}
		return m.walk(k+1, shift+g-at+1, j.skip)
	}
	m.locs, m.zeros = m.locs[:n], z
	return 0, false
}

// part matches a part's slots and cuts at their offsets, shift positions
// further, and returns the shift after it: more by the zeros the text
// writes at its cuts.
func (m *flexMatch) part(part flexPart, shift uint64) (uint64, bool) {
	s := m.s
	slots, cuts := s.q.slots[part.from:part.to], part.cuts
	for len(slots) > 0 || len(cuts) > 0 {
		if len(cuts) == 0 || len(slots) > 0 && slots[0].offset < cuts[0].offset {
			sl := slots[0]
			slots = slots[1:]
			j, ok := slices.BinarySearch(s.pos[sl.term], m.q0+sl.offset+shift)
			if !ok {
				return 0, false
			}
			if s.keep {
				m.locs = append(m.locs, search.FieldTermLocation{Field: s.q.field, Term: s.q.terms[sl.term], Location: s.locs[sl.term][j]})
			}
			continue
		}
		c := cuts[0]
		cuts = cuts[1:]
		at := m.q0 + c.offset + shift
		if m.pairAt(c.direct, at) {
			continue
		}
		if s.err != nil || !m.pairAt(c.zeros, at) {
			return 0, false
		}
		g, ok := m.pairAfter(c.gap, at)
		if !ok {
			return 0, false
		}
		shift += g - at
		m.zeros++
	}
	return shift, true
}

// reader is the reader of a pair the query reads at a place, opened
// when a document first needs it.
func (s *pairPhraseSearcher) pairReader(term string) (*nextReader, error) {
	if r, ok := s.joinPairs[term]; ok {
		return r, nil
	}
	if s.joinPairs == nil {
		s.joinPairs = map[string]*nextReader{}
	}
	tfr, err := s.reader.TermFieldReader(s.ctx, []byte(term), s.q.field, false, false, true)
	if err != nil {
		return nil, fmt.Errorf("pair %q at a mark: %w", term, err)
	}
	r := &nextReader{tfr: tfr}
	s.joinPairs[term] = r
	return r, nil
}

// positions are those of term in the document id: a zeros term's as the
// conjunction read them, another's read.
func (s *pairPhraseSearcher) positions(id bleveindex.IndexInternalID, term string) ([]uint64, error) {
	if i := slices.Index(s.q.zeros, term); i >= 0 {
		return s.zpos[i], nil
	}
	r, err := s.pairReader(term)
	if err != nil {
		return nil, err
	}
	vs, err := r.vectors(id)
	if err != nil {
		return nil, fmt.Errorf("pair %q at a cut: %w", term, err)
	}
	var out []uint64
	for _, v := range vs {
		out = append(out, v.Pos)
	}
	return out, nil
}

// pairAt reports whether the pair term stands at pos, keeping its
// location for the highlight.
func (m *flexMatch) pairAt(term string, pos uint64) bool {
	_, ok := m.pairIn(term, pos, pos)
	return ok
}

// pairAfter is the first position of the pair term after pos, the
// trailing zeros before it maxZeros long at most, its location kept.
func (m *flexMatch) pairAfter(term string, pos uint64) (uint64, bool) {
	return m.pairIn(term, pos+1, pos+maxZeros)
}

// pairIn is the first position of the pair term from lo to hi, its
// location kept.
func (m *flexMatch) pairIn(term string, lo, hi uint64) (uint64, bool) {
	s := m.s
	var loc search.Location
	if i := slices.Index(s.q.zeros, term); i >= 0 {
		j, _ := slices.BinarySearch(s.zpos[i], lo)
		if j == len(s.zpos[i]) || s.zpos[i][j] > hi {
			return 0, false
		}
		if s.keep {
			loc = s.zlocs[i][j]
		}
		loc.Pos = s.zpos[i][j]
	} else {
		r, err := s.pairReader(term)
		if err != nil {
			s.err = err
			return 0, false
		}
		v, err := r.vectorIn(m.id, lo, hi)
		if err != nil {
			s.err = fmt.Errorf("pair %q at a mark: %w", term, err)
			return 0, false
		}
		if v == nil {
			return 0, false
		}
		loc = search.Location{Pos: v.Pos, Start: v.Start, End: v.End}
	}
	if s.keep {
		m.locs = append(m.locs, search.FieldTermLocation{Field: s.q.field, Term: term, Location: loc})
	}
	return loc.Pos, true
}

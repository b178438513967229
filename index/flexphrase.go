package index

import (
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// flexPlan is how a pairPhraseQuery matches a word whose clause marks
// may be any or none in the text (zh.Flex): its slots are the pairs
// inside its parts, at their offsets in the word without the marks, and
// at each join the parts stand adjacent or one position further apart,
// a mark's pair between them. No pair across a join is asked of the
// conjunction, so the documents that hold the parts are read and their
// positions checked; the pairs at a join are read only for them.
type flexPlan struct {
	parts []flexPart
	joins []flexJoin
	// runes is the length of the word without its marks.
	runes uint64
}

// flexPart is one part: the slots of the query that are its pairs (none
// for a part of one character, which its joins' pairs pin).
type flexPart struct {
	from, to int // slots[from:to]
	lone     bool
}

// flexJoin is the place after a part: at is the offset of the part's
// last character, the position of the pair it starts. cross is the pair
// of the characters either side, left the pairs of the last character
// and each mark, right those of each mark and the next character (with
// the marks the join allows: zh.FlexJoin.Marks).
type flexJoin struct {
	skip        bool
	at          uint64
	cross       string
	left, right []string
}

// newFlexPhraseQuery returns the query for f, a substring query word with
// flexible marks, in field; nil when no part has a pair.
func newFlexPhraseQuery(f zh.Flex, field string, boost float64) *pairPhraseQuery {
	q := &pairPhraseQuery{field: field, boost: boost, flex: &flexPlan{}}
	var whole []rune
	for k, part := range f.Parts {
		from := uint64(len(whole))
		pr := []rune(part)
		fp := flexPart{from: len(q.slots), lone: len(pr) < 2}
		if k > 0 {
			q.flex.joins = append(q.flex.joins, newFlexJoin(whole[len(whole)-1], pr[0], from-1, f.Joins[k-1]))
		}
		if !fp.lone {
			toks := zh.Bigrams([]byte(part), true)
			first := toks[0].Position
			for _, t := range toks {
				i := slices.Index(q.terms, string(t.Term))
				if i < 0 {
					i = len(q.terms)
					q.terms = append(q.terms, string(t.Term))
				}
				q.slots = append(q.slots, pairSlot{term: i, offset: from + uint64(t.Position-first)})
			}
		}
		fp.to = len(q.slots)
		q.flex.parts = append(q.flex.parts, fp)
		whole = append(whole, pr...)
	}
	if len(q.slots) == 0 {
		return nil
	}
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
	// shifts are the parts' shifts and locs the joins' pairs on the
	// path tried.
	shifts []uint64
	locs   []search.FieldTermLocation
}

// flexMatches is matches for a flexPlan: every start of the word in dm,
// found from the first part with a pair.
func (s *pairPhraseSearcher) flexMatches(dm *search.DocumentMatch, kept []search.FieldTermLocation) ([]search.FieldTermLocation, bool) {
	plan := s.q.flex
	a := 0
	for plan.parts[a].lone {
		a++
	}
	first := s.q.slots[plan.parts[a].from]
	found := false
	var last uint64 // the last start matched, not matched again
	for _, p := range s.pos[first.term] {
		for shift := uint64(0); shift <= uint64(a) && shift+first.offset <= p; shift++ {
			m := flexMatch{s: s, id: dm.IndexInternalID, q0: p - first.offset - shift, shifts: s.flexShifts[:0], locs: s.flexLocs[:0]}
			if found && m.q0 == last {
				continue
			}
			end, ok := m.walk(0, 0, false)
			s.flexShifts, s.flexLocs = m.shifts, m.locs
			if s.err != nil {
				return kept, false
			}
			if !ok || s.unitGoesOn(dm.IndexInternalID, end-1) {
				continue
			}
			found, last = true, m.q0
			if !s.keep {
				return kept, true
			}
			kept = m.keep(kept)
		}
	}
	return kept, found
}

// walk matches the parts from k on, shift positions after their place
// without marks; skipped tells whether a skip of this stretch held a
// mark. It returns the position of the word's last character's pair.
// A join holds a mark or not, never both, so one way at most goes on.
func (m *flexMatch) walk(k int, shift uint64, skipped bool) (uint64, bool) {
	plan := m.s.q.flex
	part := plan.parts[k]
	m.shifts = append(m.shifts[:k], shift)
	for _, sl := range m.s.q.slots[part.from:part.to] {
		if _, ok := slices.BinarySearch(m.s.pos[sl.term], m.q0+sl.offset+shift); !ok {
			return 0, false
		}
	}
	if k == len(plan.joins) {
		return m.q0 + plan.runes - 1 + shift, true
	}
	j := plan.joins[k]
	if !j.skip {
		skipped = false
	}
	at := m.q0 + j.at + shift
	n := len(m.locs)
	if !part.lone && !plan.parts[k+1].lone || m.pairAt(j.cross, at) {
		if end, ok := m.walk(k+1, shift, skipped); ok {
			return end, true
		}
	}
	m.locs = m.locs[:n]
	if j.skip && skipped || m.s.err != nil {
		return 0, false
	}
	for i, left := range j.left {
		if !m.pairAt(left, at) {
			continue
		}
		if plan.parts[k+1].lone && !m.pairAt(j.right[i], at+1) {
			break
		}
		return m.walk(k+1, shift+1, j.skip)
	}
	m.locs = m.locs[:n]
	return 0, false
}

// pairAt reports whether the pair term stands at pos, keeping its
// location for the highlight.
func (m *flexMatch) pairAt(term string, pos uint64) bool {
	s := m.s
	r, ok := s.joinPairs[term]
	if !ok {
		if s.joinPairs == nil {
			s.joinPairs = map[string]*nextReader{}
		}
		tfr, err := s.reader.TermFieldReader(s.ctx, []byte(term), s.q.field, false, false, true)
		if err != nil {
			s.err = fmt.Errorf("pair %q at a mark: %w", term, err)
			return false
		}
		r = &nextReader{tfr: tfr}
		s.joinPairs[term] = r
	}
	v, err := r.vectorAt(m.id, pos)
	if err != nil {
		s.err = fmt.Errorf("pair %q at a mark: %w", term, err)
		return false
	}
	if v == nil {
		return false
	}
	if s.keep {
		m.locs = append(m.locs, search.FieldTermLocation{Field: s.q.field, Term: term,
			Location: search.Location{Pos: v.Pos, Start: v.Start, End: v.End}})
	}
	return true
}

// keep appends the locations of the match found last: its parts' pairs
// and the pairs at its joins.
func (m *flexMatch) keep(kept []search.FieldTermLocation) []search.FieldTermLocation {
	s := m.s
	for k, part := range s.q.flex.parts {
		for _, sl := range s.q.slots[part.from:part.to] {
			j, _ := slices.BinarySearch(s.pos[sl.term], m.q0+sl.offset+m.shifts[k])
			kept = append(kept, search.FieldTermLocation{Field: s.q.field, Term: s.q.terms[sl.term], Location: s.locs[sl.term][j]})
		}
	}
	return append(kept, m.locs...)
}

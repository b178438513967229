package index

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// pairPhraseQuery matches a substring query word in an n-gram field: the
// documents where each of its pairs stands at its offset from the first
// (zh.Bigrams with query true gives the pairs and their positions).
//
// It finds the same documents, with the same scores and the same matched
// locations, as Bleve's phrase of those pairs, but checks the positions
// itself: Bleve's phrase searcher builds a map of every location of every
// pair in every candidate document and walks paths through it, which was
// most of a search's CPU and a fifth of all the server allocated under
// load (bench/README.md). Here the positions are compared in place, in
// buffers kept from document to document.
type pairPhraseQuery struct {
	field string
	boost float64
	terms []string // distinct pairs
	slots []pairSlot
	// endsAtPoint is set for a code's part (GB/T 28827.: codePartForm),
	// whose last pair's point is left out of the matched location, so
	// that the code is marked (GB/T 28827 in GB/T 28827.1).
	endsAtPoint bool
	// notNext are the pairs that must not stand right after the last
	// one: the word's unit and a character that makes another unit of it
	// (人次 after 12000人: setUnitEnd).
	notNext []string
	// cuts are a zeros query's choices (newZerosQuery), in the order of
	// their offsets; the pairs of slots after a cut whose zeros the text
	// writes stand as far further on as the zeros are long. zeros are
	// their ZerosTokens, one of which a document must have; read the
	// other terms they ask for, read only in such a document.
	cuts  []zerosCut
	zeros []string
	read  []string
	// flex, when set, matches a word whose clause marks may be any or
	// none in the text (flexphrase.go); slots' offsets are then in the
	// word without its marks.
	flex *flexPlan
	// joinAny are, for each join of a flex query, the pairs one of
	// which stands there in a match: the conjunction asks for one.
	joinAny [][]string
}

// maxZeros bounds the trailing zeros a cut's gap spans (zerosCut): as many as the index
// joins to their unit (zh.ZerosToken), and one for a point.
const maxZeros = 66

// setUnitEnd makes q match word, a query word, only where it ends at its
// unit: 12000人 not in 12000人次, 1.2万 not in 1.2万亿 (zh.UnitNotNext).
func (q *pairPhraseQuery) setUnitEnd(word string) {
	q.notNext = q.notNext[:0]
	unit, _ := utf8.DecodeLastRuneInString(word)
	for _, r := range zh.UnitNotNext(word) {
		q.notNext = append(q.notNext, string(unit)+string(r))
	}
}

// pairSlot is one pair of the word: which term, at which offset from the
// first pair's position.
type pairSlot struct {
	term   int
	offset uint64
}

// newPairPhraseQuery returns the query for text, a substring query word,
// in field; nil when text has no pair.
func newPairPhraseQuery(text, field string, boost float64) *pairPhraseQuery {
	toks := zh.Bigrams([]byte(text), true)
	if len(toks) == 0 {
		return nil
	}
	q := &pairPhraseQuery{field: field, boost: boost}
	q.setUnitEnd(text)
	first := toks[0].Position
	for _, t := range toks {
		term := string(t.Term)
		i := slices.Index(q.terms, term)
		if i < 0 {
			i = len(q.terms)
			q.terms = append(q.terms, term)
		}
		q.slots = append(q.slots, pairSlot{term: i, offset: uint64(t.Position - first)})
	}
	return q
}

func (q *pairPhraseQuery) SetBoost(b float64) { q.boost = b }
func (q *pairPhraseQuery) Boost() float64     { return q.boost }
func (q *pairPhraseQuery) Field() string      { return q.field }
func (q *pairPhraseQuery) SetField(f string)  { q.field = f }

// Searcher implements Bleve's query.Query.
func (q *pairPhraseQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	keep := options.IncludeTermVectors
	options.IncludeTermVectors = true // the positions are what it checks
	terms := make([]search.Searcher, 0, len(q.terms))
	closeAll := func() {
		for _, s := range terms {
			s.Close()
		}
	}
	for _, t := range q.terms {
		s, err := searcher.NewTermSearcher(ctx, r, t, q.field, q.boost, options)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("pair %q: %w", t, err)
		}
		terms = append(terms, s)
	}
	if len(q.zeros) > 0 {
		any, err := q.zerosSearcher(ctx, r, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		terms = append(terms, any)
	}
	// A join's pairs only choose the documents: read without their
	// locations, which the match reads at the join, and scored nothing.
	joinOptions := options
	joinOptions.IncludeTermVectors = false
	for _, any := range q.joinAny {
		d, err := anyTermSearcher(ctx, r, any, q.field, 0, joinOptions)
		if err != nil {
			closeAll()
			return nil, err
		}
		terms = append(terms, d)
	}
	var must search.Searcher = terms[0]
	if len(terms) > 1 {
		conj, err := searcher.NewConjunctionSearcher(ctx, r, terms, options)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("pairs of %v: %w", q.terms, err)
		}
		must = conj
	}
	s := &pairPhraseSearcher{must: must, q: q, keep: keep, ctx: ctx, reader: r,
		pos: make([][]uint64, len(q.terms)), locs: make([][]search.Location, len(q.terms)),
		zpos: make([][]uint64, len(q.zeros)), zlocs: make([][]search.Location, len(q.zeros))}
	for _, t := range q.read {
		tfr, err := r.TermFieldReader(ctx, []byte(t), q.field, false, false, true)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("pair %q at a cut: %w", t, err)
		}
		s.read = append(s.read, &posReader{tfr: tfr})
	}
	for _, t := range q.notNext {
		tfr, err := r.TermFieldReader(ctx, []byte(t), q.field, false, false, true)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("pair %q after the unit: %w", t, err)
		}
		s.notNext = append(s.notNext, &nextReader{tfr: tfr})
	}
	return s, nil
}

// nextReader reads the positions of one of a query's notNext pairs in
// the documents the search reaches, which come in order.
type nextReader struct {
	tfr  bleveindex.TermFieldReader
	doc  *bleveindex.TermFieldDoc // the last document read
	done bool                     // no document after it has the pair
}

// at reports whether the pair stands at pos in the document id.
func (n *nextReader) at(id bleveindex.IndexInternalID, pos uint64) (bool, error) {
	v, err := n.vectorAt(id, pos)
	return v != nil, err
}

// vectorAt is the pair's location at pos in the document id, nil when
// it does not stand there.
func (n *nextReader) vectorAt(id bleveindex.IndexInternalID, pos uint64) (*bleveindex.TermFieldVector, error) {
	return n.vectorIn(id, pos, pos)
}

// vectorIn is the pair's first location from lo to hi in the document
// id, nil when it stands at none of them.
func (n *nextReader) vectorIn(id bleveindex.IndexInternalID, lo, hi uint64) (*bleveindex.TermFieldVector, error) {
	vs, err := n.vectors(id)
	var first *bleveindex.TermFieldVector
	for _, v := range vs {
		if lo <= v.Pos && v.Pos <= hi && (first == nil || v.Pos < first.Pos) {
			first = v
		}
	}
	return first, err
}

// vectors are the pair's locations in the document id.
func (n *nextReader) vectors(id bleveindex.IndexInternalID) ([]*bleveindex.TermFieldVector, error) {
	if !n.done && (n.doc == nil || n.doc.ID.Compare(id) < 0) {
		d, err := n.tfr.Advance(id, nil)
		if err != nil {
			return nil, err
		}
		n.doc, n.done = d, d == nil
	}
	if n.doc == nil || n.doc.ID.Compare(id) != 0 {
		return nil, nil
	}
	return n.doc.Vectors, nil
}

// pairPhraseSearcher is pairPhraseQuery's searcher: the documents that
// have every pair (a conjunction of term searchers), kept when the pairs
// stand at their offsets.
type pairPhraseSearcher struct {
	must search.Searcher
	q    *pairPhraseQuery
	// keep is whether the search wants the matched locations; the pairs'
	// positions are read either way.
	keep bool
	pos  [][]uint64          // per term: its positions in the current document
	locs [][]search.Location // per term: its locations, when keep
	// notNext reads the query's notNext pairs.
	notNext []*nextReader
	err     error // reading them failed
	// For a flex query: the reader the joins' pairs are read from, when
	// a document needs them, each once (joinPairs), and buffers kept
	// from match to match.
	ctx        context.Context
	reader     bleveindex.IndexReader
	joinPairs  map[string]*nextReader
	flexStarts []uint64
	flexLocs   []search.FieldTermLocation
	// zpos and zlocs are those of the zeros terms, read those of the
	// query's read terms (a zeros query's).
	zpos  [][]uint64
	zlocs [][]search.Location
	read  []*posReader
}

func (s *pairPhraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		dm, err := s.must.Next(ctx)
		if err != nil || dm == nil {
			return nil, err
		}
		if s.matches(dm) && s.err == nil {
			return dm, nil
		}
		if s.err != nil {
			return nil, s.err
		}
		ctx.DocumentMatchPool.Put(dm)
	}
}

func (s *pairPhraseSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	if err != nil || dm == nil {
		return nil, err
	}
	if s.matches(dm) && s.err == nil {
		return dm, nil
	}
	if s.err != nil {
		return nil, s.err
	}
	ctx.DocumentMatchPool.Put(dm)
	return s.Next(ctx)
}

// matches reports whether dm, a document with every pair, has them at
// their offsets somewhere, and leaves in dm the locations of every such
// place (none unless keep). A failed read of a notNext pair (s.err)
// makes it false at once.
func (s *pairPhraseSearcher) matches(dm *search.DocumentMatch) bool {
	for i := range s.pos {
		s.pos[i] = s.pos[i][:0]
		s.locs[i] = s.locs[i][:0]
	}
	for i := range s.zpos {
		s.zpos[i] = s.zpos[i][:0]
		s.zlocs[i] = s.zlocs[i][:0]
	}
	for _, ftl := range dm.FieldTermLocations {
		if ftl.Field != s.q.field {
			continue
		}
		pos, locs := s.pos, s.locs
		i := slices.Index(s.q.terms, ftl.Term)
		if i < 0 {
			if i = slices.Index(s.q.zeros, ftl.Term); i < 0 {
				continue
			}
			pos, locs = s.zpos, s.zlocs
		}
		pos[i] = append(pos[i], ftl.Location.Pos)
		if s.keep {
			locs[i] = append(locs[i], ftl.Location)
		}
	}
	for i := range s.pos {
		if !slices.IsSorted(s.pos[i]) {
			// Postings list a term's positions in order; sort anyway,
			// with the locations alongside, rather than miss a match.
			s.sortTerm(i)
		}
	}
	if len(s.q.cuts) > 0 {
		return s.matchesZeros(dm)
	}
	kept := dm.FieldTermLocations[:0]
	if s.q.flex != nil {
		kept, found := s.flexMatches(dm, kept)
		if found {
			dm.FieldTermLocations = kept
		}
		return found
	}
	found := false
	first := s.q.slots[0]
	for _, p := range s.pos[first.term] {
		if !s.allAt(p) {
			continue
		}
		if s.unitGoesOn(dm.IndexInternalID, p+s.q.slots[len(s.q.slots)-1].offset) {
			if s.err != nil {
				return false // unchecked: Next and Advance report it
			}
			continue
		}
		found = true
		if !s.keep {
			break
		}
		for k, sl := range s.q.slots {
			j, _ := slices.BinarySearch(s.pos[sl.term], p+sl.offset)
			loc := s.locs[sl.term][j]
			if s.q.endsAtPoint && k == len(s.q.slots)-1 {
				loc.End-- // the point, one byte as the stored text has it
			}
			kept = append(kept, search.FieldTermLocation{Field: s.q.field, Term: s.q.terms[sl.term], Location: loc})
		}
	}
	if !found {
		return false
	}
	dm.FieldTermLocations = kept
	return true
}

// allAt reports whether every pair stands at its offset from p.
func (s *pairPhraseSearcher) allAt(p uint64) bool {
	for _, sl := range s.q.slots[1:] {
		if _, ok := slices.BinarySearch(s.pos[sl.term], p+sl.offset); !ok {
			return false
		}
	}
	return true
}

// unitGoesOn reports whether one of the query's notNext pairs stands
// right after its last pair, placed at last: the unit goes on into
// another (12000人 in 12000人次). A failed read is kept in s.err and
// reported.
func (s *pairPhraseSearcher) unitGoesOn(id bleveindex.IndexInternalID, last uint64) bool {
	next := last + 1
	for _, n := range s.notNext {
		at, err := n.at(id, next)
		if err != nil {
			s.err = fmt.Errorf("pair after the unit: %w", err)
			return true
		}
		if at {
			return true
		}
	}
	return false
}

func (s *pairPhraseSearcher) sortTerm(i int) {
	if !s.keep {
		slices.Sort(s.pos[i])
		return
	}
	slices.SortFunc(s.locs[i], func(a, b search.Location) int {
		switch {
		case a.Pos < b.Pos:
			return -1
		case a.Pos > b.Pos:
			return 1
		}
		return 0
	})
	for k, l := range s.locs[i] {
		s.pos[i][k] = l.Pos
	}
}

func (s *pairPhraseSearcher) Close() error {
	err := s.must.Close()
	for _, n := range s.notNext {
		if cerr := n.tfr.Close(); err == nil {
			err = cerr
		}
	}
	for _, n := range s.joinPairs {
		if cerr := n.tfr.Close(); err == nil {
			err = cerr
		}
	}
	for _, p := range s.read {
		if cerr := p.tfr.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

func (s *pairPhraseSearcher) Weight() float64        { return s.must.Weight() }
func (s *pairPhraseSearcher) SetQueryNorm(n float64) { s.must.SetQueryNorm(n) }
func (s *pairPhraseSearcher) Count() uint64          { return s.must.Count() }
func (s *pairPhraseSearcher) Min() int               { return 0 }
func (s *pairPhraseSearcher) Size() int              { return s.must.Size() }
func (s *pairPhraseSearcher) DocumentMatchPoolSize() int {
	return s.must.DocumentMatchPoolSize() + 1
}

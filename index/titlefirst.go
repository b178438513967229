package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// titleTier is added to the score of a clause's match when the
// document's title holds one of its words (titleFirstQuery). A clause's
// score without it stays below a few dozen: Bleve weighs a term by its
// rarity and normalises the query's weights, so a body match scores at
// most about the logarithm of the number of documents, which titleBoost
// alone does not outweigh when many titles and few texts hold the word (a
// short spreadsheet naming the word in cell after cell then ranked above
// the 实施意见 named after it). The tier is added whole, once per clause:
// buildQuery puts it above the clause's disjunction of words, whose
// coordination factor (matched/N) would otherwise divide it by the
// number of words of an OR. So a document ranks first by how many of
// the search's clauses its title holds, then by Bleve's score.
const titleTier = 1000.0

// titleFirstQuery ranks the documents whose title holds a clause's word
// above those that only mention it in their text: it finds the documents
// all finds, scored as all scores them, plus titleTier for those title
// also finds. title must find a subset of all (the clause's words'
// queries in the title fields; all holds them beside its queries in the
// text fields). Within each tier the order is Bleve's, titleBoost
// weighing a title match as before.
type titleFirstQuery struct {
	all, title query.Query
}

func newTitleFirstQuery(all, title query.Query) *titleFirstQuery {
	return &titleFirstQuery{all: all, title: title}
}

// Searcher implements Bleve's query.Query.
func (q *titleFirstQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	all, err := q.all.Searcher(ctx, r, m, options)
	if err != nil {
		return nil, err
	}
	// Only whether the title matches counts: no score, no locations.
	titleOptions := search.SearcherOptions{Score: "none"}
	title, err := q.title.Searcher(ctx, r, m, titleOptions)
	if err != nil {
		all.Close()
		return nil, fmt.Errorf("title matches: %w", err)
	}
	return &titleFirstSearcher{all: all, title: title}, nil
}

// titleFirstSearcher is titleFirstQuery's searcher. Both searchers go
// through the documents in the order of their internal IDs, so the title
// one is only ever advanced to the match the other has reached.
type titleFirstSearcher struct {
	all, title search.Searcher
	// at is the title searcher's current match, the first at or after
	// the last match of all; nil before the first and once it has none.
	at   *search.DocumentMatch
	done bool // the title searcher has no more matches
}

func (s *titleFirstSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.all.Next(ctx)
	if err != nil || dm == nil {
		return dm, err
	}
	return s.lift(ctx, dm)
}

func (s *titleFirstSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.all.Advance(ctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	return s.lift(ctx, dm)
}

// lift adds titleTier to dm's score when its title matches.
func (s *titleFirstSearcher) lift(ctx *search.SearchContext, dm *search.DocumentMatch) (*search.DocumentMatch, error) {
	if !s.done && (s.at == nil || s.at.IndexInternalID.Compare(dm.IndexInternalID) < 0) {
		if s.at != nil {
			ctx.DocumentMatchPool.Put(s.at)
			s.at = nil
		}
		at, err := s.title.Advance(ctx, dm.IndexInternalID)
		if err != nil {
			return nil, fmt.Errorf("title matches: %w", err)
		}
		s.at, s.done = at, at == nil
	}
	if s.at != nil && s.at.IndexInternalID.Equals(dm.IndexInternalID) {
		dm.Score += titleTier
	}
	return dm, nil
}

func (s *titleFirstSearcher) Close() error {
	err := s.all.Close()
	if terr := s.title.Close(); err == nil {
		err = terr
	}
	return err
}

func (s *titleFirstSearcher) Weight() float64        { return s.all.Weight() }
func (s *titleFirstSearcher) SetQueryNorm(n float64) { s.all.SetQueryNorm(n) }
func (s *titleFirstSearcher) Count() uint64          { return s.all.Count() }
func (s *titleFirstSearcher) Min() int               { return 0 }
func (s *titleFirstSearcher) Size() int              { return s.all.Size() + s.title.Size() }

// DocumentMatchPoolSize counts the title searcher's matches too, and the
// one kept between calls.
func (s *titleFirstSearcher) DocumentMatchPoolSize() int {
	return s.all.DocumentMatchPoolSize() + s.title.DocumentMatchPoolSize() + 1
}

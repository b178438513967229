package search

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// QueryPage returns the page of document id that a search for query
// (substring: as a search of substrings) would link to: the page of the
// first passage the search page shows of it, by the same words, operators
// and highlighting (buildFragmentsFor), so that a document opened with a
// q and no page (a link pasted by a colleague, a bookmark) opens where
// its search result would. It is 0 when query matches no word of the
// document's text (on its title only, or not at all), or u may not see
// the document; a query that cannot be read is EINVALID.
//
// The cost is one search restricted to the document, and reading its
// stored text once to place the matches on pages, as each hit of a
// search page does: bounded by the text the index keeps of a document
// (index.MaxIndexedChars), however many pages it has.
func (s *Service) QueryPage(ctx context.Context, u *catalog.User, id, query string, substring bool) (int, error) {
	q, visible, err := s.baseQuery(ctx, Request{Query: query, User: u, Substring: substring})
	if err != nil || !visible {
		return 0, err
	}
	q.Filter.IDs, q.From, q.Size, q.WithText = []string{id}, 0, 1, true
	res, err := s.idx.Search(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("search %q in document %s: %w", query, id, err)
	}
	if len(res.Hits) == 0 || len(res.Hits[0].Spans) == 0 {
		return 0, nil
	}
	h := res.Hits[0]
	frags := buildFragmentsFor(h.Pages, h.Spans, termNumbers(q.Clauses))
	if len(frags) == 0 {
		return 0, nil
	}
	return frags[0].Page, nil
}

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
	place, err := s.QueryPlace(ctx, u, id, query, substring)
	return place.Page, err
}

// QueryPlace is where a search for a query opens a document: the page of
// the first passage its search result shows (QueryPage) and the words
// highlighted first in that passage, as the text writes them. A long
// page (a big spreadsheet's sheet) is shown in parts: the words say
// which part holds the match (documents.Service.Find).
type QueryPlace struct {
	Page  int
	Match string
}

// QueryPlace is QueryPage's page with the words matched there; the zero
// QueryPlace when QueryPage is 0.
func (s *Service) QueryPlace(ctx context.Context, u *catalog.User, id, query string, substring bool) (QueryPlace, error) {
	q, visible, err := s.baseQuery(ctx, Request{Query: query, User: u, Substring: substring})
	if err != nil || !visible {
		return QueryPlace{}, err
	}
	q.Filter.IDs, q.From, q.Size, q.WithText = []string{id}, 0, 1, true
	res, err := s.idx.Search(ctx, q)
	if err != nil {
		return QueryPlace{}, fmt.Errorf("search %q in document %s: %w", query, id, err)
	}
	if len(res.Hits) == 0 || len(res.Hits[0].Spans) == 0 {
		return QueryPlace{}, nil
	}
	h := res.Hits[0]
	wins := windowsFor(h.Pages, h.Spans, termNumbers(q.Clauses))
	if len(wins) == 0 || len(wins[0].spans) == 0 {
		// Matched words all left out of the passages: the opening,
		// as the search result shows it.
		if lead := leadFragment(h.Pages); len(lead) > 0 {
			return QueryPlace{Page: lead[0].Page}, nil
		}
		return QueryPlace{}, nil
	}
	w := wins[0]
	return QueryPlace{Page: w.page, Match: h.Pages[w.page-1][w.spans[0].Start:w.spans[0].End]}, nil
}

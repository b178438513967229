package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/index"
)

// Unindexed says that a search may have missed documents: Count of those
// it looked in (its filters and the user's scope) are longer than the
// index takes (index.MaxIndexedChars) and it did not find them, so their
// words past that point were not searched. Documents names the first
// maxUnindexedListed of them, newest first, and Find is the query's first
// word that is not one of a choice (OR), for finding it in each one's
// whole text (documents.Service.Find); "" when every word is.
type Unindexed struct {
	Count     int                 `json:"count"`
	Documents []UnindexedDocument `json:"documents"`
	Find      string              `json:"find"`
}

// UnindexedDocument is a document a search looked in only in part.
type UnindexedDocument struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// maxUnindexedListed is the most documents an Unindexed names.
const maxUnindexedListed = 10

// unindexed says which documents the search q (of words, within its
// filters) may have missed because the index took them only in part; nil
// when there are none. A document that a word to exclude keeps out is
// not one of them: it was looked at and left out.
func (s *Service) unindexed(ctx context.Context, q index.Query) (*Unindexed, error) {
	if len(q.Clauses) == 0 {
		return nil, nil
	}
	// Only which documents match counts, not their order.
	q.From, q.FacetSize, q.WithText, q.TitleFirst = 0, 0, false, false
	q.Filter.Cut = true
	cut := q
	cut.Clauses, cut.Size, cut.Sort = nil, maxUnindexedListed, index.SortUploaded
	all, err := s.idx.Search(ctx, cut)
	if err != nil || all.Total == 0 {
		return nil, wrapUnindexed(err)
	}
	found := q
	found.Size = 0
	hit, err := s.idx.Search(ctx, found)
	if err != nil || hit.Total >= all.Total {
		return nil, wrapUnindexed(err)
	}
	// Which of those listed the search found, so as not to name them.
	listed := q
	listed.Filter.IDs, listed.Size = hitIDs(all), len(all.Hits)
	lr, err := s.idx.Search(ctx, listed)
	if err != nil {
		return nil, wrapUnindexed(err)
	}
	var missed []string
	for _, id := range hitIDs(all) {
		if !slices.Contains(hitIDs(lr), id) {
			missed = append(missed, id)
		}
	}
	docs, err := s.hitDocuments(ctx, missed, q.Filter.Cities)
	if err != nil {
		return nil, fmt.Errorf("load documents searched in part: %w", err)
	}
	u := &Unindexed{Count: int(all.Total - hit.Total), Documents: []UnindexedDocument{}, Find: findWord(q.Clauses)}
	for _, id := range missed {
		if d, ok := docs[id]; ok {
			u.Documents = append(u.Documents, UnindexedDocument{ID: d.ID, Title: d.Title})
		}
	}
	return u, nil
}

// findWord is the word of the first clause that is a single word, which
// every document the search finds has; "" when each clause is a choice
// (学分银行 OR 终身教育): any one word of it may be the one missed.
func findWord(clauses []index.Clause) string {
	for _, c := range clauses {
		if len(c.Any) == 1 {
			return c.Any[0].Text
		}
	}
	return ""
}

func wrapUnindexed(err error) error {
	if err != nil {
		return fmt.Errorf("count documents searched in part: %w", err)
	}
	return nil
}

package search

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// NumberAlone says that a search that found nothing, whose words hold a
// count before its unit (12.5万人), finds Count documents with the number
// alone (12.5万): a count with its unit matches only where the unit ends,
// so 12.5万人 is not in 12.5万人次. Query is the search so written, the
// rest of it as typed; Numbers are the numbers put in place of the
// counts.
type NumberAlone struct {
	Query   string   `json:"query"`
	Numbers []string `json:"numbers"`
	Count   uint64   `json:"count"`
}

// numberAlone counts what q, a search of req that found nothing, finds
// with each count before its unit (index.CountNumber) searched as its
// number alone: one count of the index (no page, facets or text), none
// for a query with no such word; nil when it finds nothing either.
func (s *Service) numberAlone(ctx context.Context, q index.Query, req Request) (*NumberAlone, error) {
	q.From, q.Size, q.FacetSize, q.WithText, q.TitleFirst, q.Sort = 0, 0, 0, false, false, index.SortRelevance
	wide := q
	wide.Clauses = make([]index.Clause, len(q.Clauses))
	query := catalog.DropInvisible(width.Fold.String(req.Query))
	var numbers []string
	for i, c := range q.Clauses {
		wide.Clauses[i] = index.Clause{Any: make([]index.Term, len(c.Any)), AtLeast: c.AtLeast}
		for j, t := range c.Any {
			if n, ok := index.CountNumber(t.Text); ok && strings.Contains(query, t.Text) {
				query = strings.ReplaceAll(query, t.Text, n)
				numbers = append(numbers, n)
				t.Text = n
			}
			wide.Clauses[i].Any[j] = t
		}
	}
	if len(numbers) == 0 {
		return nil, nil
	}
	res, err := s.idx.Search(ctx, wide)
	if err != nil {
		return nil, fmt.Errorf("count documents holding %v: %w", numbers, err)
	}
	if res.Total == 0 {
		return nil, nil
	}
	return &NumberAlone{Query: query, Numbers: numbers, Count: res.Total}, nil
}

package search

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// baseQuery is req as an index query, in the scope of req.User; visible
// is false when the user may see none of the cities asked for. Paging,
// facets and text are left to the caller.
func (s *Service) baseQuery(ctx context.Context, req Request) (q index.Query, visible bool, err error) {
	p, err := parseQuery(req.Query)
	if err != nil {
		return q, false, err
	}
	if req.Substring {
		p.asSubstrings()
	}
	req.Indicators = catalog.CodesAsTyped(req.Indicators)
	cities, visible := req.User.ScopeCities(req.Cities)
	f, err := s.filter(ctx, req, cities)
	if err != nil {
		return q, false, err
	}
	return index.Query{
		Clauses: p.clauses, Exclude: p.exclude,
		Filter: f, Sort: req.Sort,
	}, visible, nil
}

// MatchingAmong returns which of the documents ids req finds, in the scope
// of req.User (From and Size are ignored): the new matches of a saved
// search are its matches among the documents indexed since it was last
// opened. A query it cannot read is EINVALID.
func (s *Service) MatchingAmong(ctx context.Context, req Request, ids []string) ([]string, error) {
	q, visible, err := s.baseQuery(ctx, req)
	if err != nil {
		return nil, err
	}
	if !visible || len(ids) == 0 {
		return []string{}, nil
	}
	q.Filter.IDs, q.Size = ids, len(ids)
	res, err := s.idx.Search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search %q among %d documents: %w", req.Query, len(ids), err)
	}
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out, nil
}

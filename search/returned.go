package search

import (
	"context"
	"fmt"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// HitReturn marks a hit the coordinator returned (退回) on a task that
// still lists it: when, and, to those who may read them
// (catalog.DocumentReturn.SeenBy), by whom and why; ReplacedBy names the
// files handed in for the task after it.
type HitReturn struct {
	By         string    `json:"by,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	At         time.Time `json:"at"`
	Assignment string    `json:"assignment"`
	Indicator  string    `json:"indicator"`
	ReplacedBy []string  `json:"replaced_by"`
}

// withoutReturned leaves out of f the documents returned and nobody's
// evidence since (catalog.Store.ReturnedOnly) in cities: an expert
// verifying a city looks for its evidence, and a file the coordinator
// sent back is not, however well it matches. Request.IncludeReturned
// keeps them, marked.
func (s *Service) withoutReturned(ctx context.Context, f *index.Filter, cities []string) error {
	ids, err := s.cat.ReturnedOnly(ctx, cities)
	if err != nil {
		return err
	}
	f.ExcludeIDs = append(f.ExcludeIDs, ids...)
	return nil
}

// countReturned counts the documents q left out as returned
// (withoutReturned) that it would find otherwise, so that the page can
// say so and offer them.
func (s *Service) countReturned(ctx context.Context, q index.Query, returned []string) (int, error) {
	if len(returned) == 0 {
		return 0, nil
	}
	q.Filter.ExcludeIDs, q.Filter.IDs = nil, returned
	q.From, q.Size, q.FacetSize, q.WithText, q.TitleFirst, q.Sort = 0, 1, 0, false, false, index.SortRelevance
	res, err := s.idx.Search(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("count the returned files found: %w", err)
	}
	return int(res.Total), nil
}

// markReturned marks the hits returned on a task (HitReturn), with their
// last return, as u may read it.
func (s *Service) markReturned(ctx context.Context, u *catalog.User, hits []Hit) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	returns, err := s.cat.DocumentReturns(ctx, ids)
	if err != nil {
		return err
	}
	for i, h := range hits {
		rs := returns[h.ID]
		if len(rs) == 0 {
			continue
		}
		r := rs[len(rs)-1].SeenBy(u)
		hits[i].Returned = &HitReturn{By: r.By, Reason: r.Reason, At: r.At, Assignment: r.Assignment,
			Indicator: r.Indicator, ReplacedBy: append([]string{}, r.After...)}
	}
	return nil
}

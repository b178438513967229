package search

import (
	"context"
	"fmt"
	"slices"
	"sync"
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

// returnedCache keeps the catalog's returned documents
// (catalog.Store.AllReturns), which every search needs to leave them out
// and mark them, at the CitationsStamp they were read after: a return, a
// hand-in, a withdrawal, a link and a deletion each move it, so a search
// reads them again only after a write, as citedCache does.
type returnedCache struct {
	mu    sync.Mutex
	kept  bool
	stamp catalog.CitationsStamp
	all   map[string]*catalog.ReturnedDocument // read-only once kept
}

// get returns the returned documents as the catalog now has them; the
// map is shared and must not be changed.
func (c *returnedCache) get(ctx context.Context, cat *catalog.Store) (map[string]*catalog.ReturnedDocument, error) {
	stamp, err := citationsStamp(ctx, cat)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.kept && c.stamp == stamp {
		all := c.all
		c.mu.Unlock()
		return all, nil
	}
	c.mu.Unlock()
	// Read after the stamp: kept with it, never older than it.
	all, err := cat.AllReturns(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.kept, c.stamp, c.all = true, stamp, all
	c.mu.Unlock()
	return all, nil
}

// withoutReturned leaves out of f the documents returned and nobody's
// evidence since (catalog.ReturnedDocument.Only) in cities: an expert
// verifying a city looks for its evidence, and a file the coordinator
// sent back is not, however well it matches. Request.IncludeReturned
// keeps them, marked.
func (s *Service) withoutReturned(ctx context.Context, f *index.Filter, cities []string) error {
	all, err := s.returned.get(ctx, s.cat)
	if err != nil {
		return err
	}
	f.ExcludeIDs = append(f.ExcludeIDs, catalog.OnlyReturned(all, cities)...)
	return nil
}

// countReturned counts the documents q left out as returned
// (withoutReturned) that it would find otherwise, so that the page can
// say so and offer them: those whose index copy may lag the catalog
// (pendingChanges) by the catalog's values, as the hits are found
// (pageAsCatalog), the others by the index's. With nothing pending it is
// one index search.
func (s *Service) countReturned(ctx context.Context, q index.Query, returned []string) (int, error) {
	if len(returned) == 0 {
		return 0, nil
	}
	p, err := s.pendingChanges(ctx)
	if err != nil {
		return 0, err
	}
	pending := pendingAmong(p, returned)
	indexed := returned
	if len(pending) > 0 {
		indexed = slices.DeleteFunc(slices.Clone(returned), func(id string) bool { return slices.Contains(pending, id) })
	}
	q.Filter.ExcludeIDs, q.Filter.IDs = nil, indexed
	q.From, q.Size, q.FacetSize, q.WithText, q.TitleFirst, q.Sort = 0, 1, 0, false, false, index.SortRelevance
	n := 0
	if len(indexed) > 0 {
		res, err := s.idx.Search(ctx, q)
		if err != nil {
			return 0, fmt.Errorf("count the returned files found: %w", err)
		}
		n = int(res.Total)
	}
	if len(pending) > 0 {
		found, err := s.pendingMatches(ctx, q, p, pending)
		if err != nil {
			return 0, fmt.Errorf("count the returned files found: %w", err)
		}
		n += len(found)
	}
	return n, nil
}

// markReturned marks the hits returned on a task (HitReturn): every
// return, oldest first, and the last one on its own, as u may read them.
func (s *Service) markReturned(ctx context.Context, u *catalog.User, hits []Hit) error {
	all, err := s.returned.get(ctx, s.cat)
	if err != nil {
		return err
	}
	for i, h := range hits {
		hits[i].Returns = hitReturns(all[h.ID], u)
		if n := len(hits[i].Returns); n > 0 {
			hits[i].Returned = &hits[i].Returns[n-1]
		}
	}
	return nil
}

// hitReturns are the returns of d, oldest first, as u may read them
// (catalog.DocumentReturn.SeenBy); none for a file another task keeps, or
// linked or cited, which is evidence and not a returned file's hit. The
// slices are the hit's own: d is shared by every search.
func hitReturns(d *catalog.ReturnedDocument, u *catalog.User) []HitReturn {
	if d == nil || !d.Only || len(d.Returns) == 0 {
		return nil
	}
	out := make([]HitReturn, len(d.Returns))
	for i, r := range d.Returns {
		r = r.SeenBy(u)
		out[i] = HitReturn{By: r.By, Reason: r.Reason, At: r.At, Assignment: r.Assignment,
			Indicator: r.Indicator, ReplacedBy: append([]string{}, r.After...)}
	}
	return out
}

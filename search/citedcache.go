package search

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
)

// citedCache keeps, per set of cities a search is scoped to, the
// documents each indicator's claims and values cite (citedByIndicator),
// which the indicator filter and the indicator facet of every search with
// hits need. Reading them is a query over every citation in scope; now a
// search asks the catalog only for its CitationsStamp and reads them again
// when that moved, so a citation still counts at the next search, on every
// node of a shared catalog.
type citedCache struct {
	mu    sync.Mutex
	kept  bool
	stamp catalog.CitationsStamp
	// byScope is the documents cited per indicator, by cities joined;
	// each map is read-only once kept.
	byScope map[string]map[string][]string
}

// cited returns the documents each indicator's claims and values of
// cities (every city when none) cite, as the catalog now has them. The
// map is shared: callers must not change it.
func (c *citedCache) cited(ctx context.Context, cat *catalog.Store, cities []string) (map[string][]string, error) {
	stamp, err := cat.CitationsStamp(ctx)
	if err != nil {
		return nil, err
	}
	key := strings.Join(cities, ",")
	c.mu.Lock()
	if c.kept && c.stamp == stamp {
		if m, ok := c.byScope[key]; ok {
			c.mu.Unlock()
			return m, nil
		}
	}
	c.mu.Unlock()
	// Read after the stamp, as versionCache does: kept with it, the
	// documents are never older than what it stands for.
	in, err := cat.EvidenceDocumentIDs(ctx, catalog.EvidenceFilter{Cities: cities,
		Kinds: []string{catalog.EvidenceClaim, catalog.EvidenceValue}, Failed: true})
	if err != nil {
		return nil, fmt.Errorf("documents cited for indicators: %w", err)
	}
	m := citedByIndicator(in)
	c.mu.Lock()
	if !c.kept || c.stamp != stamp {
		c.kept, c.stamp, c.byScope = true, stamp, map[string]map[string][]string{}
	}
	c.byScope[key] = m
	c.mu.Unlock()
	return m, nil
}

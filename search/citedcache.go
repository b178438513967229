package search

import (
	"context"
	"fmt"
	"slices"
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
	// byScope is what is cited in each scope, by its cities joined.
	byScope map[string]*citedScope
}

// citedScope is what claims and values of a scope cite, read-only once
// kept.
type citedScope struct {
	// byCode is the documents cited per indicator, each sorted.
	byCode map[string][]string
	// all is every document cited, each once, sorted: those the indicator
	// facet asks the index about (countIndicators).
	all []string
	// stamp is the catalog's CitationsStamp read before them: what the
	// facet's counts of them are kept by (citedCountCache).
	stamp catalog.CitationsStamp
}

// byDocument is the indicators whose claims and values cite each
// document of sc, sorted: sc's byCode turned about, for listing a
// document's indicators (ExportXLSX). It is a new map each call.
func (sc *citedScope) byDocument() map[string][]string {
	out := make(map[string][]string, len(sc.all))
	for code, ids := range sc.byCode {
		for _, id := range ids {
			out[id] = append(out[id], code)
		}
	}
	for _, codes := range out {
		slices.Sort(codes)
	}
	return out
}

// cited returns the documents each indicator's claims and values of
// cities (every city when none) cite, as the catalog now has them. The
// scope is shared: callers must not change it.
func (c *citedCache) cited(ctx context.Context, cat *catalog.Store, cities []string) (*citedScope, error) {
	stamp, err := citationsStamp(ctx, cat)
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
	m := &citedScope{byCode: citedByIndicator(in), stamp: stamp}
	for _, ids := range m.byCode {
		m.all = append(m.all, ids...)
	}
	slices.Sort(m.all)
	m.all = slices.Compact(m.all)
	c.mu.Lock()
	if !c.kept || c.stamp != stamp {
		c.kept, c.stamp, c.byScope = true, stamp, map[string]*citedScope{}
	}
	c.byScope[key] = m
	c.mu.Unlock()
	return m, nil
}

package search

import (
	"encoding/json"
	"slices"
	"sync"

	"github.com/lcmonitor/evidence/index"
)

// fragmentCache keeps the passages built for the hits of recent searches.
// A hit's passages follow from its pages, its match spans and the query's
// words alone (buildFragmentsFor), so a kept entry is given again whenever
// a hit of the same words comes with the same pages and spans, compared in
// full: also after the index changed, which under a steady upload is every
// second or so and forgets the index's own kept results
// (index/resultcache.go), while most hits of a query stay what they were.
// Finding clause boundaries and marking the words is a sixth of a search's
// CPU.
type fragmentCache struct {
	mu      sync.Mutex
	entries map[string]*keptFragments // by query words and document
	bytes   int                       // of the pages the entries hold
	stats   fragmentStats
}

// keptFragments are the passages built from pages and spans.
type keptFragments struct {
	pages []string
	spans []index.Span
	frags []Fragment
}

// fragmentStats count the hits whose passages were kept and built.
type fragmentStats struct{ Kept, Built uint64 }

// Bounds of the cache: entries, and the bytes of the pages they hold
// (mostly shared with the index's text cache while it keeps them).
const (
	fragmentCacheHits  = 4096
	fragmentCacheBytes = 32 << 20
)

// uncachedFragments builds the passages of q's hits afresh.
func uncachedFragments(q index.Query) func(id string, pages []string, spans []index.Span) []Fragment {
	want := termNumbers(q.Clauses)
	return func(_ string, pages []string, spans []index.Span) []Fragment {
		return buildFragmentsFor(pages, spans, want)
	}
}

// builder returns how to build the passages of the hits of q: from the
// cache when a hit of the same document with the same pages and spans was
// built for q's words, else built and kept.
func (c *fragmentCache) builder(q index.Query) func(id string, pages []string, spans []index.Span) []Fragment {
	key, err := json.Marshal(q.Clauses)
	if err != nil {
		return uncachedFragments(q)
	}
	build := uncachedFragments(q)
	prefix := string(key) + "\x00"
	return func(id string, pages []string, spans []index.Span) []Fragment {
		k := prefix + id
		c.mu.Lock()
		if e, ok := c.entries[k]; ok && slices.Equal(e.pages, pages) && slices.Equal(e.spans, spans) {
			c.stats.Kept++
			c.mu.Unlock()
			return slices.Clone(e.frags)
		}
		c.stats.Built++
		c.mu.Unlock()
		f := build(id, pages, spans)
		size := len(k)
		for _, p := range pages {
			size += len(p)
		}
		if size > fragmentCacheBytes/16 {
			return slices.Clone(f)
		}
		c.mu.Lock()
		if old, ok := c.entries[k]; ok {
			c.bytes -= len(k)
			for _, p := range old.pages {
				c.bytes -= len(p)
			}
			delete(c.entries, k)
		}
		if c.entries == nil || len(c.entries) >= fragmentCacheHits || c.bytes+size > fragmentCacheBytes {
			c.entries, c.bytes = map[string]*keptFragments{}, 0
		}
		c.entries[k] = &keptFragments{pages: slices.Clone(pages), spans: slices.Clone(spans), frags: f}
		c.bytes += size
		c.mu.Unlock()
		return slices.Clone(f)
	}
}

// counts reports how many hits' passages were kept and built.
func (c *fragmentCache) counts() fragmentStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

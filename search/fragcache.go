package search

import (
	"encoding/json"
	"slices"
	"sync"

	"github.com/lcmonitor/evidence/index"
)

// fragmentCache keeps the passages built for the hits of recent searches
// until the index next changes. A hit's passages follow from its pages and
// match spans alone, which are the same for the same query and document
// while the index is unchanged; finding clause boundaries and marking the
// words is a sixth of a search's CPU, and the index already keeps the
// results it computed (index/resultcache.go).
type fragmentCache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[string][]Fragment // by query and document
}

const fragmentCacheHits = 4096

// uncachedFragments builds the passages of q's hits afresh.
func uncachedFragments(q index.Query) func(id string, pages []string, spans []index.Span) []Fragment {
	want := termNumbers(q.Clauses)
	return func(_ string, pages []string, spans []index.Span) []Fragment {
		return buildFragmentsFor(pages, spans, want)
	}
}

// builder returns how to build the passages of the hits of q, a search
// the index answered while it stood at generation before (its count of
// finished writes): from the cache, or built and kept for that generation.
func (c *fragmentCache) builder(q index.Query, before uint64) func(id string, pages []string, spans []index.Span) []Fragment {
	key, err := json.Marshal(q)
	if err != nil {
		return uncachedFragments(q)
	}
	build := uncachedFragments(q)
	prefix := string(key) + "\x00"
	return func(id string, pages []string, spans []index.Span) []Fragment {
		k := prefix + id
		c.mu.Lock()
		if c.gen != before {
			if c.gen > before {
				c.mu.Unlock()
				return build(id, pages, spans)
			}
			c.gen, c.entries = before, nil
		}
		if f, ok := c.entries[k]; ok {
			c.mu.Unlock()
			return slices.Clone(f)
		}
		c.mu.Unlock()
		f := build(id, pages, spans)
		c.mu.Lock()
		if c.gen == before {
			if c.entries == nil || len(c.entries) >= fragmentCacheHits {
				c.entries = map[string][]Fragment{}
			}
			c.entries[k] = f
		}
		c.mu.Unlock()
		return slices.Clone(f)
	}
}

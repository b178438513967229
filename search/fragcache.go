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

// generation is the index's count of finished writes, when it keeps one.
type generation interface{ Generation() uint64 }

// uncachedFragments builds a hit's passages afresh.
func uncachedFragments(_ string, pages []string, spans []index.Span) []Fragment {
	return buildFragments(pages, spans)
}

// builder returns how to build the passages of q's hits: from the cache
// when the index did not change during the search (its generation before
// and after are the same), else afresh.
func (c *fragmentCache) builder(q index.Query, before, after uint64, known bool) func(id string, pages []string, spans []index.Span) []Fragment {
	key, err := json.Marshal(q)
	if !known || before != after || err != nil {
		return uncachedFragments
	}
	prefix := string(key) + "\x00"
	return func(id string, pages []string, spans []index.Span) []Fragment {
		k := prefix + id
		c.mu.Lock()
		if c.gen != before {
			if c.gen > before {
				c.mu.Unlock()
				return buildFragments(pages, spans)
			}
			c.gen, c.entries = before, nil
		}
		if f, ok := c.entries[k]; ok {
			c.mu.Unlock()
			return slices.Clone(f)
		}
		c.mu.Unlock()
		f := buildFragments(pages, spans)
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

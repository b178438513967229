package search

import (
	"encoding/json"
	"slices"
	"sync"
	"unsafe"

	"github.com/lcmonitor/evidence/index"
)

// fragmentCache keeps the passages built for the hits of recent searches.
// A hit's passages follow from its pages, its match spans and the query's
// words alone (buildFragmentsFor), so a kept entry is given again whenever
// a hit of the same words comes with the same pages and spans, compared in
// full: also after the index changed, which under a steady upload is every
// second or so and forgets the index's own kept results
// (index/resultcache.go), while many hits of a query stay what they were.
// Finding clause boundaries and marking the words was over a quarter of a
// search's CPU under make load (bench/README.md, session 55).
//
// The entries are kept in two maps, the newer and the older: a full newer
// map becomes the older and the older is let go, and an entry found in the
// older is moved to the newer, so the passages of the hits that searches
// keep asking for stay while those of one search long past go.
type fragmentCache struct {
	mu           sync.Mutex
	newer, older map[string]*keptFragments // by query words and document
	newerBytes   int                       // that newer's entries hold (size)
	stats        fragmentStats
}

// keptFragments are the passages built from pages and spans.
type keptFragments struct {
	pages []string
	spans []index.Span
	frags []Fragment
}

// fragmentStats count the hits whose passages were kept and built.
type fragmentStats struct{ Kept, Built uint64 }

// Bounds of each of the cache's two maps: entries, and the bytes their
// entries hold (size: the pages' mostly, shared with the index's text
// cache while it keeps them).
const (
	fragmentCacheHits  = 4096
	fragmentCacheBytes = 16 << 20
)

// uncachedFragments builds the passages of q's hits afresh. The numbers of
// q's words, which every form of each word is read for, are read only
// when a passage is built: a page whose passages are all kept needs none.
func uncachedFragments(q index.Query) func(id string, pages []string, spans []index.Span) []Fragment {
	want := sync.OnceValue(func() numberSet { return termNumbers(q.Clauses) })
	return func(_ string, pages []string, spans []index.Span) []Fragment {
		return buildFragmentsFor(pages, spans, want())
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
		e, ok := c.newer[k]
		if !ok {
			if e, ok = c.older[k]; ok && e.same(pages, spans) {
				delete(c.older, k)
				c.keep(k, e)
			}
		}
		if ok && e.same(pages, spans) {
			c.stats.Kept++
			c.mu.Unlock()
			return slices.Clone(e.frags)
		}
		c.stats.Built++
		c.mu.Unlock()
		e = &keptFragments{pages: slices.Clone(pages), spans: slices.Clone(spans), frags: build(id, pages, spans)}
		if e.size(k) <= fragmentCacheBytes/16 {
			c.mu.Lock()
			delete(c.older, k)
			c.keep(k, e)
			c.mu.Unlock()
		}
		return slices.Clone(e.frags)
	}
}

// same reports whether e was built from pages and spans.
func (e *keptFragments) same(pages []string, spans []index.Span) bool {
	return slices.Equal(e.pages, pages) && slices.Equal(e.spans, spans)
}

// size is about the bytes e holds under key k: its pages', and its spans'
// and passages', which are its own copies where the pages are shared with
// the index while it keeps them (a one-character word marks a span every
// few bytes of a page: 24 bytes each).
func (e *keptFragments) size(k string) int {
	n := len(k) + len(e.spans)*int(unsafe.Sizeof(index.Span{}))
	for _, p := range e.pages {
		n += len(p)
	}
	for _, f := range e.frags {
		n += len(f.HTML)
	}
	return n
}

// keep puts e under k in the newer map, which becomes the older when it is
// full; c.mu is held.
func (c *fragmentCache) keep(k string, e *keptFragments) {
	if old, ok := c.newer[k]; ok {
		c.newerBytes -= old.size(k)
		delete(c.newer, k)
	}
	size := e.size(k)
	if c.newer == nil || len(c.newer) >= fragmentCacheHits || c.newerBytes+size > fragmentCacheBytes {
		c.older, c.newer, c.newerBytes = c.newer, map[string]*keptFragments{}, 0
	}
	c.newer[k] = e
	c.newerBytes += size
}

// counts reports how many hits' passages were kept and built.
func (c *fragmentCache) counts() fragmentStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

package index

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
)

// resultCache keeps the results of recent searches until the index next
// changes. Experts page through the same query, a query pack runs its
// queries for every reviewer, the search page and the export ask the same
// thing twice: Bleve's part of a search (scoring and facets over every
// matching document) is most of its cost, and it grows with the archive,
// while a write to the index is rare next to searches, except during a
// bulk upload, when batches come about once a second.
//
// A result is kept only if no write finished while it was computed, so a
// search never answers from before a write that returned before it began.
// Searches for the same query that arrive while it runs wait for its
// result instead of computing it again. The catalog's part (titles,
// near-duplicate groups, deleted documents) is not cached: the search
// service reads it for every request.
type resultCache struct {
	mu       sync.Mutex
	gen      uint64 // writes finished so far
	entries  map[string]*Result
	order    []string // keys oldest first, for eviction
	bytes    int
	inflight map[string]*pendingSearch
	stats    CacheStats
}

// CacheStats counts searches by where their result came from.
type CacheStats struct {
	Hits   uint64 // kept from an earlier search
	Shared uint64 // computed once for several callers at the same time
	Misses uint64 // computed for this caller
}

// Generation is the number of writes to the index that have finished: a
// result computed while it stayed the same is still current.
func (b *Bleve) Generation() uint64 {
	b.results.mu.Lock()
	defer b.results.mu.Unlock()
	return b.results.gen
}

// CacheStats reports how often searches were answered from kept results.
func (b *Bleve) CacheStats() CacheStats {
	b.results.mu.Lock()
	defer b.results.mu.Unlock()
	return b.results.stats
}

type pendingSearch struct {
	gen  uint64 // writes finished when it began
	done chan struct{}
	res  *Result
	err  error
}

// Bounds of the cache: a result holds the full text of its page of hits,
// so the byte bound is what keeps it small next to the index.
const (
	resultCacheEntries  = 512
	resultCacheBytes    = 32 << 20
	resultCacheMaxEntry = 2 << 20
)

// invalidate forgets every result: the index has changed.
func (c *resultCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.entries, c.order, c.bytes = nil, nil, 0
	// Searches running now keep going and their waiters get their result,
	// but it is not stored: gen has moved on.
}

// search returns the cached result of q, or runs it once for every caller
// asking for q at the same time and keeps it.
func (c *resultCache) search(ctx context.Context, q Query, run func(context.Context) (*Result, error)) (*Result, error) {
	keyBytes, err := json.Marshal(q)
	if err != nil {
		return run(ctx)
	}
	key := string(keyBytes)
	for {
		c.mu.Lock()
		if res, ok := c.entries[key]; ok {
			c.stats.Hits++
			c.mu.Unlock()
			return res.clone(), nil
		}
		p, ok := c.inflight[key]
		if !ok || p.gen != c.gen {
			// A search of the same query begun before the last write
			// finished may miss what it wrote: this one runs anew and
			// takes its place.
			c.stats.Misses++
			p = &pendingSearch{gen: c.gen, done: make(chan struct{})}
			if c.inflight == nil {
				c.inflight = map[string]*pendingSearch{}
			}
			c.inflight[key] = p
			c.mu.Unlock()
			return c.lead(ctx, key, p, run)
		}
		c.stats.Shared++
		c.mu.Unlock()
		select {
		case <-p.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if p.err == nil {
			return p.res.clone(), nil
		}
		if !isContextErr(p.err) || ctx.Err() != nil {
			return nil, p.err
		}
		// The request that ran it ended before it finished: one of the
		// callers still waiting runs it now, the others wait for that one.
	}
}

// errSearchAborted is what callers waiting on a search that panicked get.
var errSearchAborted = errors.New("the same search for another request stopped with an internal error")

// lead runs the search p for its waiters and, unless a write finished
// meanwhile, keeps its result. Whatever happens in run, even a panic, the
// waiters are told and the query is no longer in flight.
func (c *resultCache) lead(ctx context.Context, key string, p *pendingSearch, run func(context.Context) (*Result, error)) (*Result, error) {
	finished := false
	defer func() {
		if !finished {
			p.err = errSearchAborted
			c.finish(key, p)
		}
	}()
	p.res, p.err = run(ctx)
	finished = true
	c.finish(key, p)
	if p.err != nil {
		return nil, p.err
	}
	return p.res.clone(), nil
}

// finish takes p out of flight, keeps its result if it is still current,
// and wakes its waiters.
func (c *resultCache) finish(key string, p *pendingSearch) {
	c.mu.Lock()
	if c.inflight[key] == p {
		delete(c.inflight, key)
	}
	if p.err == nil && p.gen == c.gen {
		c.store(key, p.res)
	}
	c.mu.Unlock()
	close(p.done)
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// store keeps res under key; c.mu is held.
func (c *resultCache) store(key string, res *Result) {
	size := res.size() + len(key)
	if _, kept := c.entries[key]; kept || size > resultCacheMaxEntry {
		return
	}
	if c.entries == nil {
		c.entries = map[string]*Result{}
	}
	for len(c.order) > 0 && (len(c.entries) >= resultCacheEntries || c.bytes+size > resultCacheBytes) {
		old := c.order[0]
		c.order = c.order[1:]
		if r, ok := c.entries[old]; ok {
			c.bytes -= r.size() + len(old)
			delete(c.entries, old)
		}
	}
	c.entries[key] = res
	c.order = append(c.order, key)
	c.bytes += size
}

// size is about the bytes res holds: the text of its hits' pages and
// their spans.
func (r *Result) size() int {
	n := 64
	for _, h := range r.Hits {
		n += len(h.ID) + 64 + len(h.Spans)*24
		for _, p := range h.Pages {
			n += len(p) + 16
		}
	}
	for _, vs := range r.Facets {
		for _, v := range vs {
			n += len(v.Value) + 24
		}
	}
	return n
}

// clone is a copy a caller may change: its own hits and facet lists (the
// page texts, read only, are shared).
func (r *Result) clone() *Result {
	out := *r
	out.Hits = slices.Clone(r.Hits)
	for i := range out.Hits {
		out.Hits[i].Spans = slices.Clone(out.Hits[i].Spans)
		out.Hits[i].Pages = slices.Clone(out.Hits[i].Pages)
	}
	if r.Facets != nil {
		out.Facets = make(map[string][]FacetValue, len(r.Facets))
		for k, v := range r.Facets {
			out.Facets[k] = slices.Clone(v)
		}
	}
	return &out
}

package bench

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/index/indexbench"
	"github.com/lcmonitor/evidence/search"
)

// Query is one search of the latency mix.
type Query struct {
	Kind string `json:"kind"` // word, and, phrase, city
	Q    string `json:"q"`
	City string `json:"city,omitempty"`
}

// Queries returns n searches of mixed kinds: single words, two or three
// words ANDed, quoted phrases taken from the source sentences, and words
// filtered by city. Words are domain terms and dictionary words drawn by
// frequency, so some hit many documents and some few. No two are the same
// and none is among the warm-up searches: the index keeps the result of a
// search until it next changes, and the figures are of searches computed.
func (g *Generator) Queries(n int) []Query {
	seen := map[Query]bool{}
	for _, q := range g.WarmupQueries(warmupSearches) {
		seen[q] = true
	}
	return g.queries(streamQueries, n, seen)
}

// warmupSearches is how many searches page the index in before measuring.
const warmupSearches = 20

// WarmupQueries returns n different searches like Queries, to page the
// index in before measuring.
func (g *Generator) WarmupQueries(n int) []Query { return g.queries(streamWarmup, n, map[Query]bool{}) }

func (g *Generator) queries(stream, n int, seen map[Query]bool) []Query {
	r := g.rng(stream, 0)
	domain := indexbench.DomainWords()
	word := func() string {
		switch r.IntN(3) {
		case 0:
			return domain[r.IntN(len(domain))]
		case 1:
			return g.word(r, "v")
		}
		return g.word(r, "n")
	}
	out := make([]Query, 0, n)
	add := func(q Query) {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	// The words come from large vocabularies, so distinct searches run
	// out only for a tiny generator; then fewer are returned.
	for i := 0; len(out) < n && i < 100*n; i++ {
		switch i % 10 {
		case 0, 1, 2:
			add(Query{Kind: "word", Q: word()})
		case 3, 4, 5:
			k := 2 + r.IntN(2)
			ws := make([]string, k)
			for j := range ws {
				ws[j] = word()
			}
			add(Query{Kind: "and", Q: strings.Join(ws, " ")})
		case 6, 7:
			if p := g.phrase(r); p != "" {
				add(Query{Kind: "phrase", Q: `"` + p + `"`})
			}
		default:
			add(Query{Kind: "city", Q: word(), City: Cities[r.IntN(len(Cities))].Code})
		}
	}
	return out
}

// phrase takes two or three consecutive words of a source sentence.
func (g *Generator) phrase(r interface{ IntN(int) int }) string {
	s := g.sentences[r.IntN(len(g.sentences))]
	if len(s) < 4 {
		return ""
	}
	k := 2 + r.IntN(2)
	i := r.IntN(len(s) - k)
	var b strings.Builder
	for _, w := range s[i : i+k] {
		if !allHan(w.Text) {
			return ""
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// LatencyDetails is the latency distribution of one way of searching.
type LatencyDetails struct {
	Name    string  `json:"name"`
	Queries int     `json:"queries"`
	P50MS   float64 `json:"p50_ms"`
	P95MS   float64 `json:"p95_ms"`
	P99MS   float64 `json:"p99_ms"`
	MaxMS   float64 `json:"max_ms"`
	MeanMS  float64 `json:"mean_ms"`
	// MedianHitShare is the median share of the corpus a query matched.
	MedianHitShare float64 `json:"median_hit_share,omitempty"`
	// ZeroHits counts queries that matched nothing.
	ZeroHits int `json:"zero_hits"`
}

func summarize(name string, took []time.Duration, totals []uint64, corpus int) LatencyDetails {
	ms := make([]float64, len(took))
	sum := 0.0
	for i, d := range took {
		ms[i] = float64(d) / float64(time.Millisecond)
		sum += ms[i]
	}
	slices.Sort(ms)
	l := LatencyDetails{Name: name, Queries: len(ms)}
	if len(ms) == 0 {
		return l
	}
	l.P50MS, l.P95MS, l.P99MS = percentile(ms, 50), percentile(ms, 95), percentile(ms, 99)
	l.MaxMS, l.MeanMS = ms[len(ms)-1], sum/float64(len(ms))
	if len(totals) > 0 && corpus > 0 {
		shares := make([]float64, len(totals))
		for i, t := range totals {
			shares[i] = float64(t) / float64(corpus)
			if t == 0 {
				l.ZeroHits++
			}
		}
		slices.Sort(shares)
		l.MedianHitShare = percentile(shares, 50)
	}
	return l
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// searchInProcess runs every query through search.Service, as the API
// does: AND semantics, first page of 10, highlights and facets.
func searchInProcess(ctx context.Context, svc *search.Service, qs []Query) ([]time.Duration, []uint64, error) {
	took := make([]time.Duration, len(qs))
	totals := make([]uint64, len(qs))
	for i, q := range qs {
		req := search.Request{Query: q.Q, Size: 10}
		if q.City != "" {
			req.Cities = []string{q.City}
		}
		start := time.Now()
		res, err := svc.Search(ctx, req)
		took[i] = time.Since(start)
		if err != nil {
			return nil, nil, fmt.Errorf("search %q: %w", q.Q, err)
		}
		totals[i] = res.Total
	}
	return took, totals, nil
}

// searchBareIndex runs the same queries on the index alone: no highlights,
// no facets, no catalog. It is the baseline under searchInProcess.
func searchBareIndex(ctx context.Context, idx index.Index, qs []Query) ([]time.Duration, error) {
	took := make([]time.Duration, len(qs))
	for i, q := range qs {
		iq := index.Query{Size: 10}
		for _, t := range strings.Fields(q.Q) {
			iq.Clauses = append(iq.Clauses, index.Clause{Any: []index.Term{{Text: strings.Trim(t, `"`)}}})
		}
		if q.City != "" {
			iq.Filter.Cities = []string{q.City}
		}
		start := time.Now()
		if _, err := idx.Search(ctx, iq); err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Q, err)
		}
		took[i] = time.Since(start)
	}
	return took, nil
}

// searchOverHTTP runs the queries against GET /api/v1/search, one at a
// time, and also times GET /healthz as the round-trip floor.
func searchOverHTTP(ctx context.Context, c *client, qs []Query) (searchTook, healthTook []time.Duration, err error) {
	for _, q := range qs {
		v := url.Values{"q": {q.Q}, "size": {"10"}}
		if q.City != "" {
			v.Set("city", q.City)
		}
		req, err := http.NewRequestWithContext(ctx, "GET", c.base+"/api/v1/search?"+v.Encode(), nil)
		if err != nil {
			return nil, nil, err
		}
		start := time.Now()
		if err := c.do(req, nil); err != nil {
			return nil, nil, err
		}
		searchTook = append(searchTook, time.Since(start))
		req, _ = http.NewRequestWithContext(ctx, "GET", c.base+"/healthz", nil)
		start = time.Now()
		if err := c.do(req, nil); err != nil {
			return nil, nil, err
		}
		healthTook = append(healthTook, time.Since(start))
	}
	return searchTook, healthTook, nil
}

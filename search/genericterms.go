package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/lcmonitor/evidence/index"
)

// frameworkGenericTerms are words of the learning-city framework's names
// that nearly every document of a learning city's archive says, whatever
// it is about: a document that says 学习型城市 is no more evidence of
// 5.2.2 (获得联合国教科文组织学习型城市奖…) than of any other indicator.
var frameworkGenericTerms = map[string]bool{
	"学习型城市": true, "学习型城市建设": true, "学习型社会": true, "学习型": true,
	"终身学习": true, "全民终身学习": true, "全民学习": true, "终身教育": true,
}

// A city's common terms: those its documents nearly all hold, which
// therefore tell its documents apart no better than a generic word.
const (
	commonShare = 0.9
	// commonMinDocs: in a city of fewer documents every word of a
	// first upload would be common and nothing would be suggested.
	commonMinDocs = 10
	// commonRecount: the share by which a city's count of documents may
	// change before its common terms are counted again; a share of 90 %
	// moves little with a few uploads, and counting costs a query a term.
	commonRecount = 0.1
)

// commonTermSet caches each city's common terms. Counting them is a
// query a term, made on a request (a document page's suggestions): page
// views of one city arriving together share one count (flight) rather
// than each making hundreds of queries.
type commonTermSet struct {
	mu     sync.Mutex
	byCity map[string]cityCommon
	flight singleflight.Group
}

type cityCommon struct {
	version string // of the framework whose terms were counted
	docs    uint64
	terms   map[string]bool
	key     string // the terms, sorted, for the suggestions' cache key
}

// cityCommonTerms are the terms of sets found in at least commonShare of
// city's indexed documents, and a key naming them. No index or no city
// has none.
func (s *Service) cityCommonTerms(ctx context.Context, city string, sets []indicatorTerms, version string) (map[string]bool, string, error) {
	if s.idx == nil || city == "" {
		return nil, "", nil
	}
	all, err := s.idx.Search(ctx, cityCount(city, nil))
	if err != nil {
		return nil, "", fmt.Errorf("count documents of %s: %w", city, err)
	}
	docs := all.Total
	s.common.mu.Lock()
	c, ok := s.common.byCity[city]
	s.common.mu.Unlock()
	if ok && c.version == version && float64(docs) <= float64(c.docs)*(1+commonRecount) &&
		float64(docs) >= float64(c.docs)*(1-commonRecount) {
		return c.terms, c.key, nil
	}
	v, err, _ := s.common.flight.Do(city+"\x00"+version, func() (any, error) {
		// Not cancelled with the request that began it: the others
		// waiting on it still want its answer.
		return s.countCommonTerms(context.WithoutCancel(ctx), city, sets, version, docs)
	})
	if err != nil {
		return nil, "", err
	}
	c = v.(cityCommon)
	return c.terms, c.key, nil
}

// countCommonTerms counts city's common terms among those of sets, of
// its docs indexed documents, and caches them.
func (s *Service) countCommonTerms(ctx context.Context, city string, sets []indicatorTerms, version string, docs uint64) (cityCommon, error) {
	c := cityCommon{version: version, docs: docs, terms: map[string]bool{}}
	if docs >= commonMinDocs {
		counted := map[string]bool{}
		for _, it := range sets {
			for _, t := range it.terms {
				if counted[t] || frameworkGenericTerms[t] {
					continue
				}
				counted[t] = true
				res, err := s.idx.Search(ctx, cityCount(city, []string{t}))
				if err != nil {
					return cityCommon{}, fmt.Errorf("count documents of %s holding %s: %w", city, t, err)
				}
				if float64(res.Total) >= commonShare*float64(docs) {
					c.terms[t] = true
				}
			}
		}
	}
	keys := make([]string, 0, len(c.terms))
	for t := range c.terms {
		keys = append(keys, t)
	}
	slices.Sort(keys)
	c.key = strings.Join(keys, "\x01")
	s.common.mu.Lock()
	if s.common.byCity == nil {
		s.common.byCity = map[string]cityCommon{}
	}
	s.common.byCity[city] = c
	s.common.mu.Unlock()
	return c, nil
}

// genericIn is the rule for a term that is not enough on its own: a
// framework's generic word, or one of common.
func genericIn(common map[string]bool) func(string) bool {
	return func(t string) bool { return frameworkGenericTerms[t] || common[t] }
}

// cityCount is the query counting city's documents that hold every one
// of terms (all of them with none).
func cityCount(city string, terms []string) index.Query {
	q := index.Query{Filter: index.Filter{Cities: []string{city}}}
	for _, t := range terms {
		q.Clauses = append(q.Clauses, index.Clause{Any: []index.Term{{Text: t}}})
	}
	return q
}

package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/index"
)

// frameworkGenericTerms are words of the learning-city framework's names
// that nearly every document of a learning city's archive says, whatever
// it is about: a document that says 学习型城市 is no more evidence of
// 5.2.2 (获得联合国教科文组织学习型城市奖…) than of any other indicator.
var frameworkGenericTerms = map[string]bool{
	"学习型城市": true, "学习型城市建设": true, "学习型社会": true, "学习型": true,
	"终身学习": true, "全民终身学习": true, "全民学习": true, "终身教育": true,
	// Words of the documents' genre, whatever their subject: of the 48
	// documents of the quality set (search/suggesteval) 建设 is in 31,
	// 工作 in 27, 开展 in 21, 培训 in 16, 推进 in 13, 加强 in 7; 建设,
	// 培训 and 推进 are words of three or more indicators' names too
	// (sharedTermIndicators finds those). A 区政府's 关于建设社区学院的
	// 实施意见 says 建设 and 培训 without being about 1.3.3's teachers and
	// volunteers (probe s41 #9).
	"建设": true, "培训": true, "工作": true, "开展": true, "推进": true,
	"加强": true, "实施": true, "实施意见": true, "通知": true,
}

// sharedTermIndicators is the least number of key indicators whose
// names or info hold a word for it to be generic: a word of three of the
// demo framework's 37 (统计, 方案, 活动, 社区教育, 记录…) names what
// documents of many indicators share, not what one is about. A keyword the
// framework lists for an indicator is its own, however many list it.
const sharedTermIndicators = 3

// issuerTerms are, for an indicator whose name says who issues its
// documents, words one of which the document must say: 1.1.1
// (市委市政府出台…的决定、意见) is no evidence in a 区政府's 实施意见 that
// names neither (probe s41 #9). They are matched as written, not as
// words, so that 长沙市人民政府 holds 市人民政府 and 萧山区人民政府 does not.
var issuerTerms = []struct {
	inName string
	terms  []string
}{
	{"市委市政府", []string{"市委", "市政府", "市人民政府"}},
}

// issuersOf is the issuer words of an indicator named name (none when
// its name names no issuer).
func issuersOf(name string) []string {
	for _, it := range issuerTerms {
		if strings.Contains(name, it.inName) {
			return it.terms
		}
	}
	return nil
}

// namesIssuer says whether title or pages hold one of issuers; with no
// issuers, any document does.
func namesIssuer(issuers []string, title string, pages []string) bool {
	if len(issuers) == 0 {
		return true
	}
	for _, is := range issuers {
		if strings.Contains(title, is) || slices.ContainsFunc(pages, func(p string) bool { return strings.Contains(p, is) }) {
			return true
		}
	}
	return false
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
	// commonRecountEvery is the least time between two counts of a
	// city's terms, once it has a set, whatever its documents do: ingest
	// asks after every batch, and a bulk upload moves a growing city's
	// count by a tenth dozens of times, each count a query a term (290
	// on the demo framework) over the index being written. A set of
	// terms in 90 % of the documents moves slowly; a framework changed
	// is counted at once.
	commonRecountEvery = 5 * time.Minute
)

// cityCommon is what is known of one city's common terms.
type cityCommon struct {
	version string // of the framework whose terms were counted
	docs    uint64 // the city's documents when they were counted
	// gen is the index's generation (Service.indexGeneration) when the
	// city's documents were last counted: a page view that finds the
	// index written since has them counted again, in the background.
	gen   uint64
	terms map[string]bool
	key   string // the terms, sorted, for the suggestions' cache key
	// counted is when the terms were counted (commonRecountEvery).
	counted time.Time
}

// cityCommonTerms are the terms of the current framework found in at
// least commonShare of city's indexed documents, and a key naming them.
// No index or no city has none. They are the last counted: a page view
// never counts them again itself (a query a term, 290 on the demo
// framework), it has them checked in the background when the framework
// or the index changed since (recheckCommonTerms) and is answered from
// the set known meanwhile. Only a city of which nothing is known yet,
// the first view after the server started, before the warm-up
// (WarmCommonTerms) reached it, waits: for its own city's count alone,
// made once for every view that asks (firstCommonTerms).
func (s *Service) cityCommonTerms(ctx context.Context, city, version string) (map[string]bool, string, error) {
	if s.idx == nil || city == "" {
		return nil, "", nil
	}
	s.common.mu.Lock()
	c, ok := s.common.byCity[city]
	s.common.mu.Unlock()
	if !ok {
		var err error
		if c, err = s.firstCommonTerms(ctx, city); err != nil {
			return nil, "", err
		}
	}
	if c.version != version || s.indexMovedSince(c.gen) {
		s.recheckCommonTerms(city)
	}
	return c.terms, c.key, nil
}

// indexMovedSince says whether the index has been written since its
// generation gen; an index that keeps no generation never says so, and
// its writers' IndexChanged is what has counts checked again.
func (s *Service) indexMovedSince(gen uint64) bool {
	now, ok := s.indexGeneration()
	return ok && now != gen
}

// checkCityCommon counts city's documents and, when their number has
// moved by more than commonRecount since its terms were counted (or the
// framework changed, or none were), its common terms: the work of
// recheckCommonTerms and firstCommonTerms, through the flight of city,
// never with a request's context.
func (s *Service) checkCityCommon(ctx context.Context, city string) (cityCommon, error) {
	sets, version, err := s.keyIndicatorTermsVersion(ctx)
	if err != nil {
		return cityCommon{}, fmt.Errorf("terms of the key indicators: %w", err)
	}
	// Read before the count: a write finishing during it has the city
	// checked again.
	gen, _ := s.indexGeneration()
	all, err := s.idx.Search(ctx, cityCount(city, nil))
	if err != nil {
		return cityCommon{}, fmt.Errorf("count documents of %s: %w", city, err)
	}
	docs := all.Total
	s.common.mu.Lock()
	c, ok := s.common.byCity[city]
	forced := s.common.forced[city]
	delete(s.common.forced, city)
	s.common.mu.Unlock()
	moved := float64(docs) > float64(c.docs)*(1+commonRecount) || float64(docs) < float64(c.docs)*(1-commonRecount)
	if wait := s.common.recountEvery - time.Since(c.counted); ok && c.version == version && moved && !forced && wait > 0 {
		// Counted too lately: the set known serves on, and is counted
		// again once the interval is over; views meanwhile take it as
		// checked (gen), not each asking again.
		c.gen = gen
		s.common.mu.Lock()
		s.common.byCity[city] = c
		s.common.mu.Unlock()
		s.recheckAfter(city, wait)
		return c, nil
	}
	if !ok || c.version != version || moved {
		if c, err = s.countCommonTerms(ctx, city, sets, version, docs); err != nil {
			return cityCommon{}, err
		}
	}
	c.gen = gen
	s.common.mu.Lock()
	if s.common.byCity == nil {
		s.common.byCity = map[string]cityCommon{}
	}
	s.common.byCity[city] = c
	s.common.mu.Unlock()
	return c, nil
}

// countCommonTerms counts city's common terms among those of sets, of
// its docs indexed documents.
func (s *Service) countCommonTerms(ctx context.Context, city string, sets []indicatorTerms, version string, docs uint64) (cityCommon, error) {
	c := cityCommon{version: version, docs: docs, terms: map[string]bool{}, counted: time.Now()}
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

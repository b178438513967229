package search

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// Weights of the evidence a term gives for an indicator.
const (
	keywordWeight = 2.0 // a term the framework lists as a keyword
	nameWeight    = 1.0 // a word of the indicator's name or info
	titleBoost    = 2.0 // a term found in the document's title
)

// Suggestion is an indicator a document likely substantiates.
type Suggestion struct {
	Code    string    `json:"code"`
	Name    string    `json:"name"`
	Kind    string    `json:"kind"`
	Score   float64   `json:"score"`
	Terms   []string  `json:"terms"`
	Passage *Fragment `json:"passage,omitempty"`
}

// indicatorTerms are the phrases that speak for one key indicator, with
// their weights: keywords count double, and a term shared by many
// indicators (学习型城市) counts less than a rare one (学分银行).
type indicatorTerms struct {
	ind    catalog.Indicator
	terms  []string
	weight map[string]float64
	// keyword are the terms the framework lists as its keywords.
	keyword map[string]bool
	// shared are its name's and info's words that sharedTermIndicators
	// or more indicators have: not enough on their own.
	shared map[string]bool
	// issuers are the words one of which a document must say (issuersOf).
	issuers []string
}

// termSet caches the terms of the current framework's key indicators.
type termSet struct {
	mu         sync.Mutex
	version    string
	indicators []indicatorTerms
}

func (s *Service) keyIndicatorTerms(ctx context.Context) ([]indicatorTerms, error) {
	sets, _, err := s.keyIndicatorTermsVersion(ctx)
	return sets, err
}

// keyIndicatorTermsVersion is keyIndicatorTerms with the version of the
// framework they are of.
func (s *Service) keyIndicatorTermsVersion(ctx context.Context) ([]indicatorTerms, string, error) {
	fw, inds, err := s.cat.CurrentFramework(ctx)
	if err != nil {
		return nil, "", err
	}
	version := fw.ID + "@" + fw.Version + "@" + fw.ImportedAt.String()
	s.terms.mu.Lock()
	defer s.terms.mu.Unlock()
	if s.terms.version == version {
		return s.terms.indicators, version, nil
	}
	var out []indicatorTerms
	df := map[string]int{}
	for _, ind := range inds {
		if ind.Level != catalog.KeyLevel {
			continue
		}
		it := indicatorTerms{ind: ind, weight: map[string]float64{}, keyword: map[string]bool{},
			shared: map[string]bool{}, issuers: issuersOf(ind.Name)}
		for _, kw := range ind.Keywords {
			it.add(kw, keywordWeight)
			it.keyword[strings.TrimSpace(kw)] = true
		}
		for _, text := range []string{ind.Name, ind.Info} {
			words, err := index.QueryTerms(text)
			if err != nil {
				return nil, "", err
			}
			for _, w := range words {
				if utf8.RuneCountInString(w) >= 2 && !isDigitsOnly(w) {
					it.add(w, nameWeight)
				}
			}
		}
		for _, t := range it.terms {
			df[t]++
		}
		out = append(out, it)
	}
	n := float64(len(out))
	for _, it := range out {
		for _, t := range it.terms {
			it.weight[t] *= math.Log(1 + n/float64(df[t]))
			if df[t] >= sharedTermIndicators && !it.keyword[t] {
				it.shared[t] = true
			}
		}
	}
	s.terms.version, s.terms.indicators = version, out
	return out, version, nil
}

func (it *indicatorTerms) add(term string, w float64) {
	term = strings.TrimSpace(term)
	if term == "" {
		return
	}
	if old, ok := it.weight[term]; ok {
		it.weight[term] = math.Max(old, w)
		return
	}
	it.terms = append(it.terms, term)
	it.weight[term] = w
}

func isDigitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// SuggestIndicators ranks the key indicators a document of city likely
// substantiates, from the indicators' keywords, names and info matched
// against its title and text with the same Chinese analysis as search;
// the framework's generic words (学习型城市, 终身学习, 建设, 培训), the words
// of three or more indicators' names (sharedTermIndicators) and the words
// that nearly every document of city holds (cityCommonTerms) count only
// beside a word of the indicator's own, and an indicator whose name says
// who issues its documents (1.1.1's 市委市政府) needs a document that names
// one (issuerTerms). Indicators in skip (already linked) are
// left out. TextSuggestions is the same for a stored text, its ranking
// kept; every suggestion of the archive is one of the two, so that the
// rule is the same wherever indicators are suggested.
func (s *Service) SuggestIndicators(ctx context.Context, city, title string, pages []string, skip []string, limit int) ([]Suggestion, error) {
	sets, version, err := s.keyIndicatorTermsVersion(ctx)
	if err != nil {
		return nil, err
	}
	common, _, err := s.cityCommonTerms(ctx, city, version)
	if err != nil {
		return nil, err
	}
	ranked, err := rankIndicators(sets, title, pages, genericIn(common))
	if err != nil {
		return nil, err
	}
	return pickSuggestions(ranked, skip, limit), nil
}

// rankIndicators is every key indicator that title and pages speak to
// with at least one term that is not generic, best first, each with its
// passage.
func rankIndicators(sets []indicatorTerms, title string, pages []string, generic func(string) bool) ([]Suggestion, error) {
	body, err := index.NewMatcher(pages)
	if err != nil {
		return nil, err
	}
	head, err := index.NewMatcher([]string{title})
	if err != nil {
		return nil, err
	}
	var out []Suggestion
	for _, it := range sets {
		if !namesIssuer(it.issuers, title, pages) {
			continue
		}
		sg, spans := scoreIndicator(it, body, head, generic)
		if sg.Score <= 0 {
			continue
		}
		if frags := buildFragmentsFor(pages, spans, numbersOf(it.terms...)); len(frags) > 0 {
			best := bestFragment(frags)
			sg.Passage = &best
		}
		out = append(out, sg)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out, nil
}

// pickSuggestions is the first limit of ranked (all of them when limit is
// not positive) that are not in skip, as copies. An indicator's score and
// passage do not depend on the others, so leaving out skipped ones after
// ranking keeps the order ranking without them gives.
func pickSuggestions(ranked []Suggestion, skip []string, limit int) []Suggestion {
	var out []Suggestion
	for _, sg := range ranked {
		if limit > 0 && len(out) == limit {
			break
		}
		if slices.Contains(skip, sg.Code) {
			continue
		}
		sg.Terms = slices.Clone(sg.Terms)
		if sg.Passage != nil {
			p := *sg.Passage
			sg.Passage = &p
		}
		out = append(out, sg)
	}
	return out
}

// scoreIndicator sums, over the indicator's terms found in the document,
// the term's weight times a damped count, boosting title matches; it
// returns the spans of the matches for the passage. Found generic terms
// and words many indicators' names share alone score 0: every document of
// the city would be suggested for the indicator whose name holds them.
func scoreIndicator(it indicatorTerms, body, head *index.Matcher, generic func(string) bool) (Suggestion, []index.Span) {
	sg := Suggestion{Code: it.ind.Code, Name: it.ind.Name, Kind: string(it.ind.Kind), Terms: []string{}}
	var spans []index.Span
	specific := false
	for _, t := range it.terms {
		inBody := body.Find(t)
		inTitle := len(head.Find(t)) > 0
		if len(inBody) == 0 && !inTitle {
			continue
		}
		score := 0.0
		if len(inBody) > 0 {
			score = 1 + math.Log(float64(len(inBody)))
		}
		if inTitle {
			score += titleBoost
		}
		sg.Score += it.weight[t] * score
		sg.Terms = append(sg.Terms, t)
		spans = append(spans, inBody...)
		specific = specific || !generic(t) && !it.shared[t]
	}
	if !specific {
		return Suggestion{Code: sg.Code, Name: sg.Name, Kind: sg.Kind, Terms: []string{}}, nil
	}
	// Normalise by the indicator's vocabulary so that indicators with long
	// keyword lists do not win by size alone.
	sg.Score /= math.Sqrt(float64(len(it.terms)))
	sg.Score = math.Round(sg.Score*1000) / 1000
	return sg, spans
}

// bestFragment is the fragment with the most marks.
func bestFragment(frags []Fragment) Fragment {
	best := frags[0]
	for _, f := range frags[1:] {
		if strings.Count(f.HTML, "<mark>") > strings.Count(best.HTML, "<mark>") {
			best = f
		}
	}
	return best
}

package bench

import (
	"context"
	_ "embed"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/index/indexbench"
)

//go:embed queries/quality.tsv
var qualityTSV string

// QualityQuery is one labelled query of bench/queries/quality.tsv.
type QualityQuery struct {
	Kind  string // "word", "trap", "hard" or "sub"
	Query string
	Uses  []string // sentences that use the word as a word
	Traps []string // sentences holding the characters but not the word
}

// QualityQueries reads the labelled query set.
func QualityQueries() ([]QualityQuery, error) {
	var out []QualityQuery
	for n, line := range strings.Split(qualityTSV, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		kindOK := f[0] == "word" && len(f) == 3 || (f[0] == "trap" || f[0] == "hard") && len(f) == 4 || f[0] == "sub" && (len(f) == 3 || len(f) == 4)
		if !kindOK {
			return nil, fmt.Errorf("quality.tsv line %d: want kind, query, uses[, traps]: %q", n+1, line)
		}
		q := QualityQuery{Kind: f[0], Query: f[1], Uses: strings.Split(f[2], "|")}
		if len(f) == 4 {
			q.Traps = strings.Split(f[3], "|")
		}
		for _, s := range append(append([]string(nil), q.Uses...), q.Traps...) {
			if !strings.Contains(s, q.Query) {
				return nil, fmt.Errorf("quality.tsv line %d: sentence %q does not contain %q", n+1, s, q.Query)
			}
		}
		out = append(out, q)
	}
	return out, nil
}

// QualityResult is how one analyzer pair did on the labelled set.
type QualityResult struct {
	Analyzer string `json:"analyzer"`
	// Over the word queries: documents found among the substring truth.
	WordQueries int     `json:"word_queries"`
	Truth       int     `json:"truth"`
	Found       int     `json:"found"`
	Recall      float64 `json:"recall"`
	// Over the trap queries.
	TrapQueries        int      `json:"trap_queries"`
	TrapTruth          int      `json:"trap_truth"`
	TrapFound          int      `json:"trap_found"`
	TrapFalsePositives int      `json:"trap_false_positives"`
	TrapsFailed        []string `json:"traps_failed,omitempty"`
	// Over the hard traps, which gse itself cannot resolve; not part of
	// the goal, reported to show the analyzer's limits.
	HardQueries        int      `json:"hard_queries"`
	HardFalsePositives int      `json:"hard_false_positives"`
	HardFailed         []string `json:"hard_failed,omitempty"`
	// Over the substring queries (words gse does not know as one word:
	// event names, numbers with units, codes): documents found among the
	// substring truth, and documents returned that hold the query only
	// inside a longer number (342场 in 1342场).
	SubQueries        int      `json:"sub_queries"`
	SubTruth          int      `json:"sub_truth"`
	SubFound          int      `json:"sub_found"`
	SubRecall         float64  `json:"sub_recall"`
	SubFalsePositives int      `json:"sub_false_positives"`
	SubFailed         []string `json:"sub_failed,omitempty"`
	// Documents returned that do not contain the query at all (e.g. a
	// phrase matched across punctuation).
	OtherFalsePositives int `json:"other_false_positives"`
	// Queries whose recall was below 1, with found/truth.
	Misses []string `json:"misses,omitempty"`
}

// matcher returns the IDs of the documents an analyzer finds for a query.
type matcher func(ctx context.Context, q string) ([]string, error)

// qualityCorpus builds the evaluation documents: base documents from the
// generator without any trap word, into which every query's sentences
// (uses and traps) are inserted a few times each.
func qualityCorpus(g *Generator, n int, queries []QualityQuery) []Doc {
	var docs []Doc
	for i := 0; len(docs) < n; i++ {
		d := g.Doc(1_000_000 + i) // a range of the stream the main corpus never reaches
		text := strings.Join(d.Pages, "")
		clean := true
		for _, q := range queries {
			if q.Kind != "word" && strings.Contains(text, q.Query) {
				clean = false
				break
			}
		}
		if clean {
			d.Name, d.Title = fmt.Sprintf("q%05d", len(docs)), ""
			docs = append(docs, d)
		}
	}
	r := g.rng(streamQuality, 0)
	const copies = 6
	for _, q := range queries {
		for _, s := range q.Uses {
			for range copies {
				insertSentence(&docs[r.IntN(len(docs))], s, r)
			}
		}
		for _, s := range q.Traps {
			for range copies {
				// A trap sentence goes only where the word is absent, so the
				// document holds the characters only inside the trap.
				for {
					d := &docs[r.IntN(len(docs))]
					if !strings.Contains(strings.Join(d.Pages, ""), q.Query) {
						insertSentence(d, s, r)
						break
					}
				}
			}
		}
	}
	return docs
}

func insertSentence(d *Doc, s string, r *rand.Rand) {
	p := r.IntN(len(d.Pages))
	d.Pages[p] = d.Pages[p] + "\n" + s
}

// EvaluateQuality indexes n generated documents with the labelled
// sentences inserted, four ways (the archive's index, its word pair alone
// as before substring search, Bleve's cjk bigrams, gse exact mode on both
// sides), and scores each against substring truth.
func EvaluateQuality(ctx context.Context, g *Generator, n int) ([]QualityResult, error) {
	queries, err := QualityQueries()
	if err != nil {
		return nil, err
	}
	docs := qualityCorpus(g, n, queries)
	idocs := make([]index.Document, len(docs))
	for i, d := range docs {
		idocs[i] = index.Document{ID: d.Name, Pages: d.Pages, City: d.City, DocType: d.DocType}
	}
	var out []QualityResult
	for _, a := range []indexbench.Analysis{indexbench.AnalysisOurs, indexbench.AnalysisWords, indexbench.AnalysisCJK, indexbench.AnalysisExact} {
		m, closeFn, err := newMatcher(ctx, a, idocs)
		if err != nil {
			return nil, err
		}
		res, err := scoreQuality(ctx, string(a), m, docs, queries)
		closeFn()
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// newMatcher indexes docs for analysis a. Our own pair is measured through
// the archive's real index and query path (index.Bleve.Search); the
// baselines through indexbench.PhraseIndex.
func newMatcher(ctx context.Context, a indexbench.Analysis, docs []index.Document) (matcher, func(), error) {
	if a == indexbench.AnalysisOurs {
		idx, err := index.OpenMem()
		if err != nil {
			return nil, nil, err
		}
		if err := idx.Index(ctx, docs); err != nil {
			idx.Close()
			return nil, nil, err
		}
		m := func(ctx context.Context, q string) ([]string, error) {
			res, err := idx.Search(ctx, index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: q}}}}, Size: len(docs)})
			if err != nil {
				return nil, err
			}
			ids := make([]string, len(res.Hits))
			for i, h := range res.Hits {
				ids[i] = h.ID
			}
			return ids, nil
		}
		return m, func() { idx.Close() }, nil
	}
	pi, err := indexbench.NewPhraseIndex(a)
	if err != nil {
		return nil, nil, err
	}
	if err := pi.Add(ctx, docs); err != nil {
		pi.Close()
		return nil, nil, err
	}
	m := func(ctx context.Context, q string) ([]string, error) { return pi.Match(ctx, q, len(docs)) }
	return m, func() { pi.Close() }, nil
}

func scoreQuality(ctx context.Context, name string, m matcher, docs []Doc, queries []QualityQuery) (QualityResult, error) {
	res := QualityResult{Analyzer: name}
	texts := make(map[string]string, len(docs))
	for _, d := range docs {
		texts[d.Name] = strings.Join(d.Pages, "\f")
	}
	for _, q := range queries {
		got, err := m(ctx, q.Query)
		if err != nil {
			return res, err
		}
		truth, trapOnly := substringTruth(texts, q)
		found, trapFP, otherFP := 0, 0, 0
		for _, id := range got {
			switch {
			case truth[id]:
				found++
			case trapOnly[id]:
				trapFP++
			default:
				otherFP++
			}
		}
		res.OtherFalsePositives += otherFP
		if found < len(truth) {
			res.Misses = append(res.Misses, fmt.Sprintf("%s %d/%d", q.Query, found, len(truth)))
		}
		if q.Kind == "sub" {
			res.SubQueries++
			res.SubTruth += len(truth)
			res.SubFound += found
			res.SubFalsePositives += trapFP
			if trapFP > 0 {
				res.SubFailed = append(res.SubFailed, fmt.Sprintf("%s (%d)", q.Query, trapFP))
			}
			continue
		}
		if q.Kind == "word" {
			res.WordQueries++
			res.Truth += len(truth)
			res.Found += found
			continue
		}
		if q.Kind == "hard" {
			res.HardQueries++
			res.HardFalsePositives += trapFP
			if trapFP > 0 {
				res.HardFailed = append(res.HardFailed, fmt.Sprintf("%s (%d)", q.Query, trapFP))
			}
			continue
		}
		res.TrapQueries++
		res.TrapTruth += len(truth)
		res.TrapFound += found
		res.TrapFalsePositives += trapFP
		if trapFP > 0 {
			res.TrapsFailed = append(res.TrapsFailed, fmt.Sprintf("%s (%d)", q.Query, trapFP))
		}
	}
	if res.Truth > 0 {
		res.Recall = float64(res.Found) / float64(res.Truth)
	}
	if res.SubTruth > 0 {
		res.SubRecall = float64(res.SubFound) / float64(res.SubTruth)
	}
	sort.Strings(res.Misses)
	return res, nil
}

// substringTruth returns the documents that contain q outside its trap
// sentences, and those that contain it only inside them.
func substringTruth(texts map[string]string, q QualityQuery) (truth, trapOnly map[string]bool) {
	truth, trapOnly = map[string]bool{}, map[string]bool{}
	for id, t := range texts {
		if !strings.Contains(t, q.Query) {
			continue
		}
		rest := t
		for _, s := range q.Traps {
			rest = strings.ReplaceAll(rest, s, "")
		}
		if strings.Contains(rest, q.Query) {
			truth[id] = true
		} else {
			trapOnly[id] = true
		}
	}
	return truth, trapOnly
}

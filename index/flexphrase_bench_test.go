package index

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search"
)

// BenchmarkSearchPunctuatedPhrase runs phrases copied from the load
// tool's sentences (推进学分银行社区教育，全年参与): with the document's
// own comma (own), with another mark (other, 、), and the sentence's
// words without its mark (long, ten characters or more), a page of 10
// with text for highlights and facets, over 1,000 documents; common and
// many (below) bound its cost. cand/q is the documents whose positions
// the text's phrase reads, found/q those it finds.
func BenchmarkSearchPunctuatedPhrase(b *testing.B) {
	idx, err := Open(b.TempDir() + "/idx")
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	var docs []Document
	for i := range 1000 {
		docs = append(docs, benchDocument(rng, i))
		if len(docs) == 50 {
			if err := idx.Index(context.Background(), docs); err != nil {
				b.Fatal(err)
			}
			docs = nil
		}
	}
	time.Sleep(3 * time.Second)
	sentence := func() string {
		return benchVerbs[rng.IntN(len(benchVerbs))] + benchPhrases[rng.IntN(len(benchPhrases))] + benchPhrases[rng.IntN(len(benchPhrases))]
	}
	// common: a verb and two phrases with 、 between them, which the
	// texts never hold there (every document has both words, a few the
	// phrases adjacent or the first before a comma); many: twelve phrases
	// with 、 between them, eleven marks.
	phrase := func() string { return benchPhrases[rng.IntN(len(benchPhrases))] }
	modes := map[string][]Query{}
	for range 64 {
		s := sentence()
		many := phrase()
		for range 11 {
			many += "、" + phrase()
		}
		for mode, text := range map[string]string{"own": s + "，全年参与", "other": s + "、全年参与", "long": s,
			"common": benchVerbs[rng.IntN(len(benchVerbs))] + phrase() + "、" + phrase(), "many": many} {
			modes[mode] = append(modes[mode], Query{Clauses: []Clause{{Any: []Term{{Text: text}}}}, Size: 10, FacetSize: 50, WithText: true})
		}
	}
	for _, mode := range []string{"own", "other", "long", "common", "many"} {
		b.Run(mode, func(b *testing.B) {
			b.ReportAllocs()
			cand, found := flexCandidates(b, idx, modes[mode])
			cpu0 := cpuTime()
			var took []time.Duration
			defer func() {
				b.ReportMetric(cand, "cand/q")
				b.ReportMetric(found, "found/q")
				b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
				slices.Sort(took)
				b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			}()
			qs := modes[mode]
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				q := qs[i%len(qs)]
				if _, err := idx.search(context.Background(), q, buildQuery(q, idx.idx.Mapping())); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
		})
	}
}

// flexCandidates are the documents the text's phrase query reads the
// positions of (its conjunction's) and those it finds, per query.
func flexCandidates(b *testing.B, idx *Bleve, qs []Query) (cand, found float64) {
	ix, err := idx.idx.Advanced()
	if err != nil {
		b.Fatal(err)
	}
	r, err := ix.Reader()
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	count := func(next func(*search.SearchContext) (*search.DocumentMatch, error), poolSize int) float64 {
		sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(poolSize, 0)}
		n := 0
		for {
			dm, err := next(sctx)
			if err != nil {
				b.Fatal(err)
			}
			if dm == nil {
				return float64(n)
			}
			n++
			sctx.DocumentMatchPool.Put(dm)
		}
	}
	for _, q := range qs {
		sub, ok := substringText(q.Clauses[0].Any[0].Text)
		if !ok {
			b.Fatalf("%s is no substring", q.Clauses[0].Any[0].Text)
		}
		_, text := phraseQueries(sub, false, 1)
		s, err := text.Searcher(ctx, r, nil, search.SearcherOptions{IncludeTermVectors: true})
		if err != nil {
			b.Fatal(err)
		}
		ps := s.(*pairPhraseSearcher)
		cand += count(ps.must.Next, ps.must.DocumentMatchPoolSize())
		s.Close()
		s, err = text.Searcher(ctx, r, nil, search.SearcherOptions{IncludeTermVectors: true})
		if err != nil {
			b.Fatal(err)
		}
		found += count(s.Next, s.DocumentMatchPoolSize())
		s.Close()
	}
	return cand / float64(len(qs)), found / float64(len(qs))
}

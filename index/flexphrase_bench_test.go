package index

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// BenchmarkSearchPunctuatedPhrase runs phrases copied from the load
// tool's sentences (推进学分银行社区教育，全年参与): with the document's
// own comma (own), with another mark (other, 、), and the sentence's
// words without its mark (long, ten characters or more), a page of 10
// with text for highlights and facets, over 1,000 documents.
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
	modes := map[string][]Query{}
	for range 64 {
		s := sentence()
		for mode, text := range map[string]string{"own": s + "，全年参与", "other": s + "、全年参与", "long": s} {
			modes[mode] = append(modes[mode], Query{Clauses: []Clause{{Any: []Term{{Text: text}}}}, Size: 10, FacetSize: 50, WithText: true})
		}
	}
	for _, mode := range []string{"own", "other", "long"} {
		b.Run(mode, func(b *testing.B) {
			cpu0 := cpuTime()
			var took []time.Duration
			defer func() {
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

package index

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkExcludeCrossable is what leaving out documents by a word the
// text may hold crossed costs (the search service excludes such a word
// as a string: search/parse.go): the load tool's documents and a word of
// them searched with one excluded, as a word and as a string. cpu-ns/op
// is the process's CPU, a shared machine's neighbours left out.
func BenchmarkExcludeCrossable(b *testing.B) {
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
	time.Sleep(3 * time.Second) // let the merges of the indexing settle
	for _, substring := range []bool{false, true} {
		name := map[bool]string{false: "as-word", true: "as-string"}[substring]
		b.Run(name, func(b *testing.B) {
			q := Query{Clauses: []Clause{{Any: []Term{{Text: "社区教育"}}}}, Exclude: []Term{{Text: "读书会", Substring: substring}},
				Size: 10, FacetSize: 50, WithText: true}
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := idx.search(context.Background(), q, buildQuery(q, idx.idx.Mapping())); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

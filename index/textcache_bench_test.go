package index

import (
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkReadHitText searches the load's documents for a page of 10
// with their text, every kept result forgotten before each search (as a
// write during a bulk upload does): with the hits' texts kept (now) and
// with them inflated for every search (before session 45).
func BenchmarkReadHitText(b *testing.B) {
	idx, err := OpenMem()
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	var docs []Document
	for i := range 200 {
		docs = append(docs, benchDocument(rng, i))
	}
	if err := idx.Index(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	q := Query{Clauses: []Clause{{Any: []Term{{Text: "学分银行"}}}}, Size: 10, WithText: true}
	for _, keep := range []bool{true, false} {
		name := map[bool]string{true: "now", false: "before"}[keep]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				idx.results.invalidate()
				if !keep {
					idx.texts = textCache{}
				}
				if _, err := idx.Search(context.Background(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

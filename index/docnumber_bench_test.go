package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkDocNumberQuery measures a 文号 query, searched in its forms
// as typed and as OCR reads it (docNumberReadForms), beside a word and a
// number (社区教育12, which has no such forms), on
// 1000 of the load tool's documents each headed by a 文号 (a tenth as
// OCR spaces it).
func BenchmarkDocNumberQuery(b *testing.B) {
	idx, err := OpenMem()
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	var docs []Document
	for i := range 1000 {
		d := benchDocument(rng, i)
		head := fmt.Sprintf("杭教发〔%d〕%d号\n", 2015+i%5, i)
		if i%10 == 0 {
			head = fmt.Sprintf("杭教发（%d] %d\n", 2015+i%5, i)
		}
		d.Pages[0] = head + d.Pages[0]
		docs = append(docs, d)
	}
	if err := idx.Index(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	// Each search asks another serial or word, so that none is answered
	// from the result cache.
	for _, form := range []string{"杭教发〔2018〕%d号", "杭教发〔2018〕%d", "社区教育%d"} {
		b.Run(form, func(b *testing.B) {
			n := 0
			for b.Loop() {
				n++
				query := Query{Clauses: terms(fmt.Sprintf(form, n)), Size: 10, FacetSize: 50, WithText: true}
				if _, err := idx.Search(context.Background(), query); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

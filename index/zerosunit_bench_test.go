package index

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkZerosQuery searches words that write numbers before their
// units, with trailing zeros or not in the texts: two numbers, and a
// long word of forty (1人 forty times), whose cuts are all searched.
func BenchmarkZerosQuery(b *testing.B) {
	idx, err := Open(b.TempDir() + "/idx")
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	var docs []Document
	for i := range 400 {
		text := fmt.Sprintf("满意度由96.%d0%%提高到98.%d%%，参与%d.00万人。%s", i%10, i%7, i%50, strings.Repeat("1人", 40))
		docs = append(docs, Document{ID: fmt.Sprintf("d%04d", i), Title: "材料", City: "330100", DocType: "other", Year: 2024, Pages: []string{text}})
	}
	if err := idx.Index(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	for _, word := range []string{"96.5%提高到98.2%", strings.Repeat("1人", 40)} {
		b.Run(fmt.Sprintf("cuts%d", strings.Count(word, "人")+strings.Count(word, "%")), func(b *testing.B) {
			q := Query{Clauses: []Clause{{Any: []Term{{Text: word}}}}, Size: 10, WithText: true}
			for b.Loop() {
				res, err := idx.Search(context.Background(), q)
				if err != nil {
					b.Fatal(err)
				}
				if res.Total == 0 {
					b.Fatalf("%s found nothing", word)
				}
			}
		})
	}
}

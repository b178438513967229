package extract_test

import (
	"os"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/bench"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// BenchmarkNormalize is Normalize of a document's pages as the TXT
// reader gives them: "corpus" the bench corpus's documents (about 3 KB,
// make bench uploads them already normalised), "written" pages of 3 KB
// of the eight-city report with the full-width marks (，（）：；) a
// Chinese text is written with, which Normalize folds.
func BenchmarkNormalize(b *testing.B) {
	gen, err := bench.NewGenerator(1, "")
	if err != nil {
		b.Fatal(err)
	}
	var corpus [][]string
	for i := range 500 {
		d := gen.Doc(i)
		corpus = append(corpus, strings.Split(string(d.Body()), "\f"))
	}
	b.Run("corpus", func(b *testing.B) { benchmarkNormalize(b, corpus) })
	b.Run("written", func(b *testing.B) { benchmarkNormalize(b, writtenPages(b)) })
}

func benchmarkNormalize(b *testing.B, docs [][]string) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for _, p := range docs[i%len(docs)] {
			extract.Normalize(p)
		}
	}
}

// writtenPages is the eight-city report as a coordinator's text file
// would have it, its marks full width, cut into documents of one page of
// about 3 KB.
func writtenPages(b *testing.B) [][]string {
	data, err := os.ReadFile("testdata/eight-city-report.zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.NewReplacer(",", "，", "(", "（", ")", "）", ":", "：", ";", "；").Replace(string(data))
	var docs [][]string
	for len(text) > 0 {
		n := min(len(text), 3000)
		for n < len(text) && text[n]&0xc0 == 0x80 {
			n++
		}
		docs = append(docs, []string{text[:n]})
		text = text[n:]
	}
	return docs
}

package neardup_test

import (
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/bench"
	"github.com/lcmonitor/evidence/neardup"
)

// corpusTexts are the pages of the first n documents of make bench's
// corpus (bench.Generator, seed 1): about 3 KB of Chinese text each, as
// the pipeline reads the bulk load's uploads.
func corpusTexts(tb testing.TB, n int) [][]string {
	gen, err := bench.NewGenerator(1, "")
	if err != nil {
		tb.Fatal(err)
	}
	texts := make([][]string, n)
	for i := range texts {
		texts[i] = gen.Doc(i).Pages
	}
	return texts
}

// TestShinglesOfCorpusAsBefore: the shingle sets of the bench corpus's
// documents are the reference's (the code before step 16, which sorted
// with slices.Sort), hash for hash.
func TestShinglesOfCorpusAsBefore(t *testing.T) {
	for i, pages := range corpusTexts(t, 2000) {
		if got, want := neardup.Shingles(pages...), neardup.RefShingles(pages...); !slices.Equal(got, want) {
			t.Fatalf("document %d: %d shingles, the reference %d, or in another order", i, len(got), len(want))
		}
	}
}

// BenchmarkShinglesCorpus is Shingles of a bench corpus document (about
// 800 distinct shingles), as the extraction worker computes it once a
// document (ingest.fingerprint).
func BenchmarkShinglesCorpus(b *testing.B) {
	texts := corpusTexts(b, 500)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		neardup.Shingles(texts[i%len(texts)]...)
	}
}

// BenchmarkReaderLongVersion is a Reader comparing a long stored text
// (the first 300 corpus documents, about 900 KB) with a version of it
// held, as the pipeline reads a long candidate that is no kept set: a
// near duplicate is read to its end.
func BenchmarkReaderLongVersion(b *testing.B) {
	var pages []string
	for _, p := range corpusTexts(b, 300) {
		pages = append(pages, p...)
	}
	held := &neardup.Held{Text: neardup.Text{Pages: pages}, Set: neardup.Shingles(pages...)}
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		rd := neardup.NewReader(held)
		for _, p := range pages {
			if err := rd.Write([]byte(p)); err != nil {
				b.Fatal(err)
			}
			rd.EndPage()
		}
		if err := rd.End(); err != nil {
			b.Fatal(err)
		}
		if sim, err := rd.Similarity(0, false); err != nil || sim != 1 {
			b.Fatalf("similarity %v, %v; want 1", sim, err)
		}
	}
}

package index

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"github.com/lcmonitor/evidence/internal/heappeak"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// longPage is a page of at least size bytes in one paragraph without a
// mark: the Chinese characters of the monitoring report
// (testdata/report.zh.txt) over and over, as a crafted DOCX of nested
// paragraphs gave (issue 15) and a table exported without breaks does.
func longPage(t testing.TB, size int) string {
	t.Helper()
	raw, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		t.Fatalf("read the report: %v", err)
	}
	var han strings.Builder
	for _, r := range string(raw) {
		if unicode.Is(unicode.Han, r) {
			han.WriteRune(r)
		}
	}
	return strings.Repeat(han.String(), size/han.Len()+1)
}

// indexAllocated indexes one document of page in a fresh memory index
// and returns the bytes and the objects allocated meanwhile.
func indexAllocated(t testing.TB, page string) (bytes, objects uint64) {
	t.Helper()
	idx, err := OpenMem()
	if err != nil {
		t.Fatalf("open memory index: %v", err)
	}
	defer idx.Close()
	// The dictionary and Bleve's first batch are paid before counting.
	if err := idx.Index(context.Background(), []Document{{ID: "热身", Pages: []string{"学习型城市"}}}); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := idx.Index(context.Background(), []Document{{ID: "长页", Title: "学习型城市建设监测报告", Pages: []string{page}}}); err != nil {
		t.Fatalf("index a long page: %v", err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}

// TestALongPageIndexesWithinItsMemory (review s41 #11): a page of 1 MB in
// one paragraph without a mark is indexed allocating at most 340 MiB and
// 1.2 million objects; it took 416 MiB and 1.4 million, the n-gram field's
// third of a million pairs each a token of its own and its slices grown
// copy by copy, and gse given the whole page at once (bench/README.md,
// "Long pages").
func TestALongPageIndexesWithinItsMemory(t *testing.T) {
	bytes, objects := indexAllocated(t, longPage(t, 1<<20))
	t.Logf("a page of 1 MB: %d MiB and %d objects allocated", bytes>>20, objects)
	if bytes > 340<<20 {
		t.Errorf("a page of 1 MB allocated %d MiB, want at most 340", bytes>>20)
	}
	if objects > 1_200_000 {
		t.Errorf("a page of 1 MB allocated %d objects, want at most 1,200,000", objects)
	}
}

// TestAPhraseAcrossAPieceBoundIsFound: gse is given a long page piece by
// piece, and a phrase that runs across the bound between two pieces is
// found as one inside a piece is, by its words and as a substring.
func TestAPhraseAcrossAPieceBoundIsFound(t *testing.T) {
	page := longPage(t, 100<<10)
	starts, err := zh.PieceStarts([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if len(starts) < 2 {
		t.Fatalf("a page of %d KB cut into %d pieces, want three or more", len(page)>>10, len(starts)+1)
	}
	idx := newIndexOf(t, []Document{{ID: "长页", Pages: []string{page}}})
	for _, at := range starts {
		// The folded text of Chinese characters alone is the page.
		for _, chars := range []int{1, 2, 3} {
			phrase := page[at-3*chars : at+3*chars]
			for _, substring := range []bool{false, true} {
				res, err := idx.Search(context.Background(), Query{Clauses: []Clause{{Any: []Term{{Text: phrase, Substring: substring}}}}})
				if err != nil {
					t.Fatalf("search %q: %v", phrase, err)
				}
				if res.Total != 1 {
					t.Errorf("search %q across the bound at byte %d (substring %v): %d hits, want the page", phrase, at, substring, res.Total)
				}
			}
		}
	}
}

// BenchmarkIndexLongPage indexes a page of 1 MB in one paragraph without
// a mark and reports the bytes allocated and the most heap in use while
// it is indexed, sampled every millisecond with the collector set to
// keep the heap within a fifth over what is live, so that the peak is
// the analysis's and not the collector's pace (the dictionary, some
// 130 MiB, is in it).
func BenchmarkIndexLongPage(b *testing.B) {
	page := longPage(b, 1<<20)
	var total uint64
	peak, _ := heappeak.During(func() {
		for b.Loop() {
			n, _ := indexAllocated(b, page)
			total += n
		}
	})
	b.ReportMetric(float64(total)/float64(b.N)/(1<<20), "MiB-alloc/op")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
}

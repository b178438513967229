package zh

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"github.com/lcmonitor/evidence/internal/heappeak"
)

// longPage is a page of at least size bytes in one paragraph without a
// mark: the Chinese characters of the eight-city report over and over.
func longPage(t testing.TB, size int) []byte {
	t.Helper()
	raw, err := os.ReadFile("../../../ingest/extract/testdata/eight-city-report.zh.txt")
	if err != nil {
		t.Fatalf("report text: %v", err)
	}
	var han strings.Builder
	for _, r := range string(raw) {
		if unicode.Is(unicode.Han, r) {
			han.WriteRune(r)
		}
	}
	return []byte(strings.Repeat(han.String(), size/han.Len()+1))
}

// heapPeak is the most heap f held over what was live before it.
func heapPeak(f func()) uint64 {
	_, over := heappeak.During(f)
	return over
}

// BenchmarkSegmentLongPage cuts a page of 1 MB in one paragraph without a
// mark into words in search mode, as the index does, and reports the
// bytes allocated and the most heap in use over what was live before.
func BenchmarkSegmentLongPage(b *testing.B) {
	page := longPage(b, 1<<20)
	seg, err := Segmenter()
	if err != nil {
		b.Fatal(err)
	}
	var peak uint64
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	alloc := ms.TotalAlloc
	for b.Loop() {
		peak = max(peak, heapPeak(func() { Segment(seg, page, true) }))
	}
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.TotalAlloc-alloc)/float64(b.N)/(1<<20), "MiB-alloc/op")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
}

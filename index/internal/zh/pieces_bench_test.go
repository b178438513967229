package zh

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
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

// heapPeak runs f while it samples the heap in use every millisecond, the
// collector set to keep it within a fifth over what is live, and returns
// the most it saw over what was live before f.
func heapPeak(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base && m.HeapAlloc-base > peak.Load() {
				peak.Store(m.HeapAlloc - base)
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak.Load()
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

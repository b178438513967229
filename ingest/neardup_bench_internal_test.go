package ingest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// storeRig is a rig of a real catalog and folder blob store, for
// benchmarks too.
func storeRig(tb testing.TB) *rig {
	tb.Helper()
	dir := tb.TempDir()
	cat, err := catalog.Open(context.Background(), filepath.Join(dir, "catalog.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { cat.Close() })
	blobs, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		tb.Fatal(err)
	}
	return &rig{cat: cat, blobs: blobs, dir: dir}
}

// storeBigVersions creates n documents over versions 1..n of a big report
// of chars characters, their texts stored and their bands recorded, and
// returns the document of version n+1 with its pages, not yet compared.
func storeBigVersions(tb testing.TB, r *rig, n, chars int) (*catalog.Document, []string) {
	tb.Helper()
	ctx := context.Background()
	create := func(v int) (*catalog.Document, []string) {
		text := bigReport(chars, v)
		d := &catalog.Document{ID: fmt.Sprintf("年鉴第%d版", v), SHA256: fmt.Sprintf("%x", sha256.Sum256([]byte(text))),
			Size: int64(len(text)), MIME: "text/plain", Format: "txt", Filename: fmt.Sprintf("年鉴第%d版.txt", v),
			DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusStored, UploadedBy: "admin"}
		if err := r.cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
			tb.Fatal(err)
		}
		// A yearbook's pages: a few hundred lines each.
		var pages []string
		for len(text) > 0 {
			k := min(len(text), 30_000)
			for k < len(text) && text[k-1] != '\n' {
				k++
			}
			pages = append(pages, text[:k])
			text = text[k:]
		}
		if _, err := SaveText(ctx, r.blobs, d.SHA256, &StoredText{Extractor: "text", Version: 1, Pages: pages}); err != nil {
			tb.Fatal(err)
		}
		return d, pages
	}
	for v := 1; v <= n; v++ {
		d, pages := create(v)
		_, bands := fingerprint(pages)
		if err := r.cat.SetNearDuplicateBands(ctx, d.ID, bands, nil); err != nil {
			tb.Fatal(err)
		}
	}
	return create(n + 1)
}

// heapPeak samples the heap in use until stop is called, and returns
// the most it saw.
func heapPeak() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

// BenchmarkLinkNearDuplicatesBigVersions is issue 15's hostile case: a
// new version of a big report (about 300,000 characters, 900 KB of
// text) whose 32 candidates are all its earlier versions. B/op is what
// comparing them allocates; peak-MB the heap in use at most, over what it
// held before.
func BenchmarkLinkNearDuplicatesBigVersions(b *testing.B) {
	r := storeRig(b)
	d, pages := storeBigVersions(b, r, maxNearDuplicateCandidates, 300_000)
	ctx := context.Background()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := heapPeak()
	b.ReportAllocs()
	for b.Loop() {
		n, err := LinkNearDuplicates(ctx, r.cat, r.blobs, d, pages)
		if err != nil || n != maxNearDuplicateCandidates {
			b.Fatalf("linked %d, %v; want all %d versions", n, err, maxNearDuplicateCandidates)
		}
	}
	peak := max(stop(), before.HeapInuse)
	b.ReportMetric(float64(peak-before.HeapInuse)/(1<<20), "peak-MB")
}

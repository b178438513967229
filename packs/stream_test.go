package packs_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
)

// addLinked stores n documents of size bytes each (random, so deflate
// cannot shrink them) straight into the blob store and the catalog, linked
// to 2.3.1 in Hangzhou's 2017 round; the pipeline is not needed to pack.
func addLinked(t testing.TB, e *testenv.Env, n, size int, seed uint64) {
	t.Helper()
	addLinkedTo(t, e, e.Blobs, n, size, seed)
}

// addLinkedTo is addLinked with the originals put into store.
func addLinkedTo(t testing.TB, e *testenv.Env, store blob.Store, n, size int, seed uint64) {
	t.Helper()
	rng := rand.New(rand.NewChaCha8([32]byte{byte(seed)}))
	buf := make([]byte, size)
	for i := range n {
		for j := 0; j < len(buf); j += 8 {
			v := rng.Uint64()
			for k := 0; k < 8 && j+k < len(buf); k++ {
				buf[j+k] = byte(v >> (8 * k))
			}
		}
		h := sha256.Sum256(buf)
		sha := hex.EncodeToString(h[:])
		if err := store.Put(ctx, catalog.OriginalKey(sha), bytes.NewReader(buf), int64(size), "application/octet-stream"); err != nil {
			t.Fatal(err)
		}
		d := &catalog.Document{ID: fmt.Sprintf("GEN%02d%06d", seed, i), SHA256: sha, Size: int64(size), MIME: "application/octet-stream",
			Format: "txt", Filename: "gen.txt", Title: fmt.Sprintf("第%d号生成文档", i), DocType: catalog.DocOther, City: hangzhou,
			Round: "2017", Status: catalog.StatusStored, UploadedBy: "test"}
		if err := e.Catalog.CreateDocument(ctx, d, catalog.Submission{User: "test"}); err != nil {
			t.Fatal(err)
		}
		if err := e.Catalog.CreateLinks(ctx, []*catalog.Link{{DocumentID: d.ID, IndicatorCode: "2.3.1", CreatedBy: "test"}}, false); err != nil {
			t.Fatal(err)
		}
	}
}

// heapProbe is the pack's destination: it counts bytes and, every 8
// MiB, collects garbage and records the live heap, so a pack that kept
// documents (or read one whole) shows as growth.
type heapProbe struct {
	written, next int64
	peak          uint64
}

func (p *heapProbe) Write(b []byte) (int, error) {
	p.written += int64(len(b))
	if p.written >= p.next {
		p.next = p.written + 8<<20
		p.peak = max(p.peak, liveHeap())
	}
	return len(b), nil
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestPackStreamsWithoutHoldingDocuments packs 300 small documents and one
// of 48 MiB (67 MiB of originals in all) and checks that the live heap
// grows by far less than that while the pack is written.
func TestPackStreamsWithoutHoldingDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 67 MiB of generated originals")
	}
	e := testenv.New(t)
	addLinked(t, e, 300, 64<<10, 1)
	addLinked(t, e, 1, 48<<20, 2)
	svc := packs.NewService(report.NewService(e.Catalog), e.Catalog, e.Blobs)
	p, err := svc.Prepare(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != 301 {
		t.Fatalf("pack has %d documents, want 301", len(p.Docs))
	}
	base := liveHeap()
	probe := &heapProbe{}
	if err := p.WriteTo(ctx, probe); err != nil {
		t.Fatal(err)
	}
	originals := int64(300*64<<10 + 48<<20)
	growth := int64(probe.peak) - int64(base)
	t.Logf("pack %.1f MiB of which originals %.1f MiB; live heap %.1f MiB before, peak growth %.1f MiB",
		float64(probe.written)/(1<<20), float64(originals)/(1<<20), float64(base)/(1<<20), float64(growth)/(1<<20))
	if probe.written < originals {
		t.Fatalf("pack is %d bytes, smaller than its originals (%d)", probe.written, originals)
	}
	const limit = 16 << 20
	if growth > limit {
		t.Errorf("live heap grew by %d MiB while packing %d MiB of originals; want under %d MiB (the pack must stream)",
			growth>>20, originals>>20, limit>>20)
	}
}

// TestPackOfManyDocuments measures what a pack of many documents holds in
// memory, the report and the list of documents included: the live heap
// from before Prepare to the peak while the ZIP is written. make test
// packs 2,000 documents; EVIDENCE_PACK_DOCS=10000 measures the issue's
// size (bench/README.md has that run).
func TestPackOfManyDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("stores thousands of generated documents")
	}
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("EVIDENCE_PACK_DOCS")); err == nil && v > 0 {
		n = v
	}
	e := testenv.New(t)
	addLinked(t, e, n, 4<<10, 3)
	svc := packs.NewService(report.NewService(e.Catalog), e.Catalog, e.Blobs)
	base := liveHeap()
	p, err := svc.Prepare(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != n {
		t.Fatalf("pack has %d documents, want %d", len(p.Docs), n)
	}
	probe := &heapProbe{peak: liveHeap()}
	if err := p.WriteTo(ctx, probe); err != nil {
		t.Fatal(err)
	}
	growth := int64(max(probe.peak, liveHeap())) - int64(base)
	t.Logf("%d documents: pack %.1f MiB; live heap %.1f MiB before Prepare, peak growth %.1f MiB",
		n, float64(probe.written)/(1<<20), float64(base)/(1<<20), float64(growth)/(1<<20))
	// The bound is 200 MiB of RSS for 10,000 documents; the heap
	// the pack adds must stay well inside it at any size tested.
	if limit := int64(100 << 20); growth > limit {
		t.Errorf("a pack of %d documents grew the live heap by %d MiB, want under %d MiB", n, growth>>20, limit>>20)
	}
}

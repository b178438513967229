package ingest

import (
	"context"
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// BenchmarkRebuildLongVersions is restore's rebuild of n versions of a
// report of 100,000 characters (300 KB of text), each a near duplicate
// and a candidate of every other, the index's analysis cut short so that
// what is measured is reading and comparing: text-reads/op counts the
// stored texts read (n to index them; before session 50, n + n·(n−1) up
// to 32 candidates each).
func BenchmarkRebuildLongVersions(b *testing.B) {
	defer index.LowerIndexedCharsForTests(2000)()
	for _, n := range []int{8, 16, 32} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			r := storeRig(b)
			storeVersionsIndexed(b, r, n, 100_000)
			counted := &textReads{Store: r.blobs}
			ctx := context.Background()
			rebuild := func() {
				idx, err := index.OpenMem()
				if err != nil {
					b.Fatal(err)
				}
				defer idx.Close()
				if _, err := Rebuild(ctx, r.cat, counted, idx, 64, nil); err != nil {
					b.Fatal(err)
				}
			}
			rebuild() // the dictionary loaded and the links made, as a restore finds them
			counted.n.Store(0)
			for b.Loop() {
				rebuild()
			}
			b.ReportMetric(float64(counted.n.Load())/float64(b.N), "text-reads/op")
		})
	}
}

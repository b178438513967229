package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// batchRecorder is a real index that records the bytes of text of each
// batch it is given.
type batchRecorder struct {
	*index.Bleve
	batches [][]int // each batch's documents' text sizes
}

func (b *batchRecorder) Index(ctx context.Context, docs []index.Document) error {
	sizes := make([]int, len(docs))
	for i, d := range docs {
		sizes[i] = d.TextSize()
	}
	b.batches = append(b.batches, sizes)
	return b.Bleve.Index(ctx, docs)
}

// TestRebuildBatchesStayWithinTheBytesBound: a rebuild cuts its batches
// by the bytes of their text, as the pipeline's indexer does, not by
// their count alone: restore of forty reports of 4.5 MB held them all at
// once (4.3 GB).
func TestRebuildBatchesStayWithinTheBytesBound(t *testing.T) {
	defer index.LowerIndexedCharsForTests(2000)() // the bound is on the text held, not the analysis
	ctx := context.Background()
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	const n = 4
	for i := range n {
		// About 600 KB each: two of them are past index.MaxBatchText.
		var b strings.Builder
		fmt.Fprintf(&b, "第%d份 学习型城市建设监测报告\n", i+1)
		for j := 0; b.Len() < 600_000; j++ {
			fmt.Fprintf(&b, "第%d区开展社区教育和老年大学课程%d门，参与市民%d人次。", i+1, j, j*7+i)
		}
		submitText(t, svc, fmt.Sprintf("报告%d.txt", i+1), b.String())
	}
	waitFor(t, done, n)
	svc.Close()

	fresh, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	rec := &batchRecorder{Bleve: fresh}
	var reported []int
	missing, err := Rebuild(ctx, r.cat, r.blobs, rec, 256, func(done, total int) { reported = append(reported, done) })
	if err != nil || len(missing) != 0 {
		t.Fatalf("rebuild: missing %v, %v", missing, err)
	}
	indexed := 0
	for _, sizes := range rec.batches {
		total := 0
		for _, s := range sizes {
			total += s
		}
		if len(sizes) > 1 && total > index.MaxBatchText {
			t.Errorf("a rebuild batch of %d documents held %d bytes of text, want at most %d (or one document)",
				len(sizes), total, index.MaxBatchText)
		}
		indexed += len(sizes)
	}
	if indexed != n {
		t.Errorf("the rebuild indexed %d documents in %d batches, want %d", indexed, len(rec.batches), n)
	}
	if ids, err := fresh.IDs(ctx); err != nil || len(ids) != n {
		t.Errorf("the rebuilt index holds %d documents (%v), want %d", len(ids), err, n)
	}
	if len(reported) < n/2 || reported[len(reported)-1] != n {
		t.Errorf("progress reported %v, want it told as batches are written, ending at %d", reported, n)
	}
}

package ingest

import (
	"context"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/lowprio"
)

// TestABatchBehindItsUploadsIsWrittenAtTheSearchesPriority: a batch
// holding a document uploaded more than maxIndexLag ago says the index's
// background work is behind (internal/lowprio then stops giving way to
// searches), and a batch of fresh uploads says it has caught up.
func TestABatchBehindItsUploadsIsWrittenAtTheSearchesPriority(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, _ := r.service(t)
	defer lowprio.Behind(false)
	for _, tt := range []struct {
		name     string
		uploaded time.Duration // before the batch is written
		behind   bool
	}{
		{"uploaded a minute ago", -time.Minute, true},
		{"uploaded just now", 0, false},
		{"uploaded 20 s ago", -2 * maxIndexLag, true},
	} {
		d := submitText(t, svc, tt.name+".txt", "杭州市学分银行建设工作总结："+tt.name+"。").Document
		job, err := svc.prepare(ctx, d.ID, nil, true, nil)
		if err != nil || job == nil {
			t.Fatalf("%s: prepare: %+v, %v", tt.name, job, err)
		}
		job.doc.UploadedAt = time.Now().Add(tt.uploaded)
		svc.indexBatch(ctx, []indexJob{*job})
		if got := lowprio.IsBehind(); got != tt.behind {
			t.Errorf("%s: behind %v after its batch, want %v", tt.name, got, tt.behind)
		}
	}
}

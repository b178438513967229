package ingest

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// TestAnEditsReindexIsWrittenAtTheSearchesPriority: the write of a
// document edited (Refresh) says the index's background work is behind,
// as a batch holding an old upload does: its user waits to find it so.
// It ran with the last batch's word, perhaps hours old, and after a batch
// of fresh uploads at the low priority, behind every search (review s58,
// low).
func TestAnEditsReindexIsWrittenAtTheSearchesPriority(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer lowprio.Behind(false)
	d := submitText(t, svc, "社区教育工作总结.txt", "杭州市2018年社区教育工作总结：开设课程420门。").Document
	waitFor(t, done, 1)
	if lowprio.IsBehind() {
		t.Fatal("behind after a batch of a fresh upload, want caught up")
	}
	title := "杭州市2018年社区教育工作总结（修订）"
	if _, err := r.cat.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{Title: &title}, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := svc.Refresh(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if !lowprio.IsBehind() {
		t.Error("an edited document's index write: not behind, want it at the searches' priority")
	}
}

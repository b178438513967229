package ingest

import (
	"context"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/index"
)

// TestRebuildOfIndexedDocumentsChangesNothingInTheCatalog: rebuilding one
// node's index rewrites no indexed document, so on a shared catalog the
// other nodes' indexes, which follow its changes, have nothing to redo.
func TestRebuildOfIndexedDocumentsChangesNothingInTheCatalog(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"杭州市学分银行建设实施意见。", "宁波市社区教育工作总结。"} {
		submitText(t, svc, text[:9]+".txt", text)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("not indexed within 30 s")
		}
	}
	before, err := r.cat.ChangesSince(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	last := before[len(before)-1].Document.Seq
	fresh, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	missing, err := Rebuild(ctx, r.cat, r.blobs, fresh, 0, nil)
	if err != nil || len(missing) != 0 {
		t.Fatalf("rebuild: missing %v, %v", missing, err)
	}
	if ids, err := fresh.IDs(ctx); err != nil || len(ids) != 2 {
		t.Errorf("the rebuilt index holds %v (%v), want both documents", ids, err)
	}
	if after, err := r.cat.ChangesSince(ctx, last, 1000); err != nil || len(after) != 0 {
		t.Errorf("the rebuild wrote %d changes (%v), want none", len(after), err)
	}
}

package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// A document whose worker dies each time it takes the job (killed, out of
// memory: a dead worker records no failure, its lease just runs out) is
// failed with a reason once it has been taken catalog.MaxJobAttempts
// times, instead of going from node to node for ever; whoever waits for it
// is told, and it is not read again.
func TestSharedPoisonDocumentIsFailedAfterItsAttempts(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	uploader, _, _ := sharedNode(t, r, "uploader") // never started
	id := submitText(t, uploader, "毒文件.txt", "这份材料每次处理都会让处理程序退出。").Document.ID
	const lease = 100 * time.Millisecond
	for i := range catalog.MaxJobAttempts {
		node := fmt.Sprintf("dies-%d", i+1)
		if tok, err := r.cat.TakeJob(ctx, id, node, lease); tok == "" || err != nil {
			t.Fatalf("attempt %d by %s: %q %v", i+1, node, tok, err)
		}
		time.Sleep(lease + 50*time.Millisecond) // the node died holding it
	}

	alive, aliveIdx, done := sharedNode(t, r, "alive")
	if err := alive.Start(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case d := <-done:
		want := fmt.Sprintf("%d 次", catalog.MaxJobAttempts)
		if d.ID != id || d.Status != catalog.StatusFailed || !strings.Contains(d.Error, want) {
			t.Fatalf("finished %s %s %q, want %s failed with a reason that says %q", d.ID, d.Status, d.Error, id, want)
		}
		t.Logf("reason: %s", d.Error)
	case <-time.After(time.Minute):
		d, _ := r.cat.Document(ctx, id)
		t.Fatalf("poison document not failed within a minute: %+v", d)
	}
	d, err := r.cat.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadText(ctx, r.blobs, d.SHA256); !catalog.IsNotFound(err) {
		t.Errorf("the poison document was read again: its text is stored (%v)", err)
	}
	if ids, _ := aliveIdx.IDs(ctx); len(ids) != 0 {
		t.Errorf("a failed document is in the index: %v", ids)
	}
}

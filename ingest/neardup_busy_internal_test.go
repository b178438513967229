package ingest

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// lockedBuffer is a log the pipeline writes from its goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestBusyBudgetRetriesTheComparisonAndLinks: when the memory budget stays
// lent out to other loads past the wait, the new version is not recorded
// without its link: it is tried again (EUNAVAILABLE), and once the budget
// lends again, it is indexed linked to the earlier version.
func TestBusyBudgetRetriesTheComparisonAndLinks(t *testing.T) {
	r := newRig(t)
	logs := &lockedBuffer{}
	done := make(chan *catalog.Document, 100)
	svc := New(r.cat, r.blobs, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2,
		RetryDelay: 50 * time.Millisecond, CompareWait: 200 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
	})
	t.Cleanup(svc.Close)
	lim := newMemoryLimit(4 << 20)
	svc.SetTextBudget(lim)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	first := submitText(t, svc, "学分银行通知.txt", noticeVersion(1))
	waitFor(t, done, 1)

	release, err := lim.LendText(4<<20, 4<<20) // another load holds the whole budget
	if err != nil {
		t.Fatal(err)
	}
	second := submitText(t, svc, "学分银行通知（修改稿）.txt", noticeVersion(2))
	id := second.Document.ID
	deadline := time.Now().Add(30 * time.Second)
	for strings.Count(logs.String(), "will retry") < 2 {
		if time.Now().After(deadline) {
			release()
			t.Fatalf("no retry while the budget was lent out; log:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case d := <-done:
		release()
		t.Fatalf("document %s finished (%s) while the budget was lent out: recorded without its link", d.ID, d.Status)
	default:
	}
	if d, err := r.cat.Document(context.Background(), id); err != nil || d.Status == catalog.StatusIndexed || d.Status == catalog.StatusFailed {
		release()
		t.Fatalf("while the budget is lent out: status %v, err %v", d.Status, err)
	}
	release()

	got := waitFor(t, done, 1)
	if got[id] == nil || got[id].Status != catalog.StatusIndexed {
		t.Fatalf("after the budget came back: %+v", got)
	}
	nds, err := r.cat.NearDuplicates(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	linked := false
	for _, nd := range nds {
		linked = linked || nd.ID == first.Document.ID
	}
	if !linked {
		t.Errorf("new version not linked to the earlier one after the retry: %+v", nds)
	}
}

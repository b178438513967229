package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
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

// peakBudget is a memoryLimit that remembers the most a load held.
type peakBudget struct {
	*memoryLimit
	mu   sync.Mutex
	peak int64
}

func (b *peakBudget) LendText(n, total int64) (func(), error) {
	b.mu.Lock()
	b.peak = max(b.peak, total)
	b.mu.Unlock()
	return b.memoryLimit.LendText(n, total)
}

// TestSharedCandidateIsReadInGroupsThatFit: a candidate shared by several
// new versions whose reads together need more than the whole budget, but
// each alone fits, is read once per group that fits: every version is
// linked to it, at the similarity it has compared alone.
func TestSharedCandidateIsReadInGroupsThatFit(t *testing.T) {
	r := storeRig(t)
	ctx := context.Background()
	text := noticeVersion(1)
	sha := fmt.Sprintf("%x", sha256.Sum256([]byte(text)))
	if _, err := SaveText(ctx, r.blobs, sha, &StoredText{Extractor: "text", Version: 1, Pages: []string{text}}); err != nil {
		t.Fatal(err)
	}
	var held []*neardup.Held
	var ids []string
	for n := 2; n <= 5; n++ {
		held = append(held, newHeldText([]string{noticeVersion(n)}, false, nil))
		ids = append(ids, fmt.Sprintf("第%d稿", n))
	}
	alone := make([]float64, len(held))
	most := int64(0)
	for i, h := range held {
		b := &peakBudget{memoryLimit: newMemoryLimit(DefaultCompareMemory)}
		cmp := &comparer{blobs: r.blobs, budget: b, log: slog.Default()}
		rd := cmp.readAll(ctx, []*textRead{{sha: sha, held: []*neardup.Held{h}, ids: ids[i : i+1]}})[0]
		if rd.err != nil || rd.sims == nil {
			t.Fatalf("%s alone: %v %v", ids[i], rd.sims, rd.err)
		}
		alone[i], most = rd.sims[0], max(most, b.peak)
	}
	// Room for one version's read, not for all four.
	all := &peakBudget{memoryLimit: newMemoryLimit(DefaultCompareMemory)}
	(&comparer{blobs: r.blobs, budget: all, log: slog.Default()}).readAll(ctx, []*textRead{{sha: sha, held: held, ids: ids}})
	if all.peak <= most {
		t.Fatalf("the four read together hold %d bytes, one alone %d: the test needs more", all.peak, most)
	}
	b := &peakBudget{memoryLimit: newMemoryLimit(most)}
	cmp := &comparer{blobs: r.blobs, budget: b, log: slog.Default()}
	rd := cmp.readAll(ctx, []*textRead{{sha: sha, held: held, ids: ids}})[0]
	if rd.err != nil || len(rd.sims) != len(held) {
		t.Fatalf("shared candidate: sims %v, err %v", rd.sims, rd.err)
	}
	for i := range held {
		if rd.sims[i] != alone[i] || rd.sims[i] < neardup.Threshold {
			t.Errorf("%s: %v read with the others, %v alone", ids[i], rd.sims[i], alone[i])
		}
	}
}

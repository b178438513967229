package ingest

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// meetingIndex is an index whose first write waits for a second one to
// begin, so a test sees whether two writes are ever in Bleve at once; and
// that records a document written by two writes at once.
type meetingIndex struct {
	real     index.Index
	met      chan struct{} // closed when a second write began during the first
	mu       sync.Mutex
	writes   int
	inFlight map[string]bool
	twice    []string // documents two writes held at once
}

func (m *meetingIndex) Index(ctx context.Context, docs []index.Document) error {
	m.mu.Lock()
	m.writes++
	n := m.writes
	for _, d := range docs {
		if m.inFlight[d.ID] {
			m.twice = append(m.twice, d.ID)
		}
		m.inFlight[d.ID] = true
	}
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		for _, d := range docs {
			delete(m.inFlight, d.ID)
		}
		m.mu.Unlock()
	}()
	switch n {
	case 1:
		// Twenty seconds bound the wait of an indexer that writes one batch
		// at a time: the test then fails, not hangs.
		select {
		case <-m.met:
		case <-time.After(20 * time.Second):
		}
	case 2:
		close(m.met)
	}
	return m.real.Index(ctx, docs)
}

func (m *meetingIndex) Delete(ctx context.Context, ids ...string) error {
	return m.real.Delete(ctx, ids...)
}
func (m *meetingIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	return m.real.Search(ctx, q)
}
func (m *meetingIndex) Count() (uint64, error)                    { return m.real.Count() }
func (m *meetingIndex) IDs(ctx context.Context) ([]string, error) { return m.real.IDs(ctx) }
func (m *meetingIndex) Close() error                              { return m.real.Close() }

// The indexer writes a batch while the one before it is in the index
// still: Bleve builds a batch's segment on one core, and with one batch
// at a time the other core idled for it (bench/README.md, ingest step 25).
// Every document is indexed all the same, none by two writes at once.
func TestTwoBatchesAreInTheIndexAtOnce(t *testing.T) {
	r := newRig(t)
	idx := &meetingIndex{real: r.idx, met: make(chan struct{}), inFlight: map[string]bool{}}
	done := make(chan *catalog.Document, 10)
	svc := New(r.cat, r.blobs, idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2, BatchSize: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
	})
	t.Cleanup(svc.Close)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"杭州市社区教育学院全年举办学分银行讲座。",
		"宁波市老年大学开设智能手机应用课程。",
		"温州市图书馆推出全民阅读月系列活动。",
	}
	ids := map[string]bool{}
	for i, text := range texts {
		ids[submitText(t, svc, []string{"甲.txt", "乙.txt", "丙.txt"}[i], text).Document.ID] = true
	}
	got := waitFor(t, done, len(texts))
	select {
	case <-idx.met:
	default:
		t.Fatal("no second batch was written while the first was in the index")
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	for id := range ids {
		if d := got[id]; d == nil || d.Status != catalog.StatusIndexed {
			t.Errorf("document %s: %+v, want indexed", id, d)
		}
	}
	if idx.twice != nil {
		t.Errorf("documents written by two writes at once: %v", idx.twice)
	}
	for _, word := range []string{"学分银行", "智能手机", "全民阅读"} {
		if n := hits(t, r.idx, word); n != 1 {
			t.Errorf("%s hits %d, want 1", word, n)
		}
	}
}

// An edit's write of a document waits for the batch that holds it, and
// writes of other documents do not.
func TestIndexLocksHoldEachDocument(t *testing.T) {
	var l indexLocks
	l.lock([]string{"甲", "乙"})
	took := make(chan string, 2)
	go func() {
		l.lock([]string{"乙", "丙"})
		took <- "乙丙"
		l.unlock([]string{"乙", "丙"})
	}()
	go func() {
		l.lock([]string{"丁"})
		took <- "丁"
		l.unlock([]string{"丁"})
	}()
	if got := <-took; got != "丁" {
		t.Fatalf("%s was taken while 乙 was held", got)
	}
	select {
	case got := <-took:
		t.Fatalf("%s was taken while 乙 was held", got)
	default:
	}
	l.unlock([]string{"甲", "乙"})
	if got := <-took; got != "乙丙" {
		t.Fatalf("took %s, want 乙丙 once 乙 was let go", got)
	}
}

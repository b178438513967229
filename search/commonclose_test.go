package search

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/testfiles"
)

// closeBlockingIndex holds the first query that counts a city's
// documents holding a term until the count's context is canceled, and
// then until released: a Close comes while a count runs. Once shut, it
// counts every query still made, which a closed index must not get.
type closeBlockingIndex struct {
	innerIndex
	entered, canceled, release chan struct{}
	first                      sync.Once
	returned, shut             atomic.Bool
	readsAfterShut             atomic.Int64
}

func newCloseBlockingIndex(inner innerIndex) *closeBlockingIndex {
	return &closeBlockingIndex{innerIndex: inner, entered: make(chan struct{}), canceled: make(chan struct{}), release: make(chan struct{})}
}

func (b *closeBlockingIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	if b.shut.Load() {
		b.readsAfterShut.Add(1)
		return nil, fmt.Errorf("index closed")
	}
	held := false
	if len(q.Filter.Cities) == 1 && len(q.Clauses) == 1 {
		b.first.Do(func() { held = true })
	}
	if !held {
		return b.innerIndex.Search(ctx, q)
	}
	close(b.entered)
	select {
	case <-ctx.Done():
		close(b.canceled)
	case <-time.After(time.Minute): // never a hang, whatever Close does
	}
	<-b.release
	b.returned.Store(true)
	return nil, ctx.Err()
}

// TestCloseEndsTheCommonTermsCounts: a count of a city's common terms
// running when the search service is closed — the worker's, fed as
// ingest's IndexWatcher feeds it, or a first page view's — has its
// context canceled, and Close returns only once it has returned, the
// worker stopped (its done signal closed); after Close, with the index
// closed as the server closes it, writes told and a warm-up asked start
// nothing and read nothing, and a second Close returns (review #10).
func TestCloseEndsTheCommonTermsCounts(t *testing.T) {
	for _, start := range []struct {
		name string
		run  func(svc *Service)
	}{
		{"the worker", func(svc *Service) { svc.IndexChanged("330100", "330200") }},
		{"a first page view", func(svc *Service) {
			text := []string{"杭州国际友好城市教育交流简报第1期：接待来访团组。"}
			pages := func() ([]string, func(), error) { return text, nil, nil }
			// The view ends with the count's error once Close cancels it.
			go func() {
				_, _ = svc.TextSuggestions(viewContext(), "sha-d00", "国际交流简报", "330100", pages, nil, 0)
			}()
		}},
	} {
		t.Run(start.name, func(t *testing.T) {
			ctx := context.Background()
			cat, idx := openDemoStores(t)
			texts := map[string]string{}
			for i := range 12 {
				texts[fmt.Sprintf("D%02d", i)] = fmt.Sprintf("杭州国际友好城市教育交流简报第%d期：接待来访团组。", i+1)
			}
			storeTexts(t, cat, idx, texts, "国际交流简报", catalog.DocWorkSummary)
			blocking := newCloseBlockingIndex(idx)
			svc := NewService(blocking, cat)
			svc.common.recountEvery = 0
			var release sync.Once
			t.Cleanup(func() { release.Do(func() { close(blocking.release) }); svc.Close() })

			start.run(svc)
			waitFor(t, blocking.entered, "no count of common terms began")
			svc.common.mu.Lock()
			idle := svc.common.idle // the worker's done signal; nil when a view counts
			svc.common.mu.Unlock()

			closed := make(chan struct{})
			go func() {
				svc.Close()
				close(closed)
			}()
			waitFor(t, blocking.canceled, "Close did not cancel the running count's context")
			testfiles.WaitInside(t, "search.(*Service).Close", 1)
			select {
			case <-closed:
				t.Fatal("Close returned while a count of common terms was still reading the index")
			default:
			}
			release.Do(func() { close(blocking.release) })
			waitFor(t, closed, "Close did not return once the count ended")
			if !blocking.returned.Load() {
				t.Error("Close returned before the count it waited for")
			}
			if idle != nil {
				select {
				case <-idle:
				default:
					t.Error("the worker had not stopped when Close returned")
				}
			}

			// As the server does next: the index is closed.
			blocking.shut.Store(true)
			svc.IndexChanged("330100", "330200")
			if err := svc.WarmCommonTerms(ctx); err != nil {
				t.Fatal(err)
			}
			svc.recheckAfter("330100", time.Nanosecond)
			svc.common.mu.Lock()
			running, later := svc.common.running, len(svc.common.later)
			svc.common.mu.Unlock()
			if running || later != 0 {
				t.Errorf("after Close: worker running %v, %d checks put off, want none", running, later)
			}
			svc.Close()
			if n := blocking.readsAfterShut.Load(); n != 0 {
				t.Errorf("%d queries read the index after Close", n)
			}
		})
	}
}

// waitFor waits for ch to close, failing with what after a minute.
func waitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(time.Minute):
		t.Fatal(what)
	}
}

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
)

// innerIndex is index.Index under a name that is not one of its methods.
type innerIndex = index.Index

// termCountingIndex counts the queries that count a city's documents
// holding one term, those made with a page view's context (viewContext)
// apart, and, when it has a gate, holds them until the callers expected
// have all arrived, so that their counts overlap.
type termCountingIndex struct {
	innerIndex
	callers     int64
	arrived     atomic.Int64
	termQueries atomic.Int64
	inViews     atomic.Int64 // of termQueries, made with a view's context
	gate        chan struct{}
	once        sync.Once
}

// viewKey marks the context of a page view in the tests.
type viewKey struct{}

func viewContext() context.Context {
	return context.WithValue(context.Background(), viewKey{}, true)
}

// arrive says that one more caller is about to ask.
func (c *termCountingIndex) arrive() {
	if c.arrived.Add(1) >= c.callers {
		c.once.Do(func() { close(c.gate) })
	}
}

func (c *termCountingIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	if len(q.Filter.Cities) == 1 && len(q.Clauses) == 1 {
		c.termQueries.Add(1)
		if ctx.Value(viewKey{}) != nil {
			c.inViews.Add(1)
		}
		if c.gate != nil {
			select {
			case <-c.gate:
			case <-time.After(10 * time.Second): // never a deadlock, whatever the callers do
			}
		}
	}
	return c.innerIndex.Search(ctx, q)
}

// TestCityCommonTermsCountedOnceForCallersTogether: page views of one
// city arriving together while its common terms are not counted yet share
// one count (a query a term) rather than each making it (review s38 #8).
func TestCityCommonTermsCountedOnceForCallersTogether(t *testing.T) {
	ctx := context.Background()
	cat, idx := openDemoStores(t)
	texts := map[string]string{}
	for i := range 12 {
		texts[fmt.Sprintf("D%02d", i)] = fmt.Sprintf("杭州国际友好城市教育交流简报第%d期：接待来访团组。", i+1)
	}
	storeTexts(t, cat, idx, texts, "国际交流简报", catalog.DocWorkSummary)
	text := []string{"杭州国际友好城市教育交流简报第1期：接待来访团组。"}
	pages := func() ([]string, func(), error) { return text, nil, nil }
	suggest := func(svc *Service, idx *termCountingIndex) error {
		idx.arrive()
		_, err := svc.TextSuggestions(ctx, "sha-d00", "国际交流简报", "330100", pages, nil, 0)
		return err
	}

	alone := &termCountingIndex{innerIndex: idx, callers: 1, gate: make(chan struct{})}
	if err := suggest(NewService(alone, cat), alone); err != nil {
		t.Fatal(err)
	}
	once := alone.termQueries.Load()
	if once == 0 {
		t.Fatal("no term was counted: the test counts nothing")
	}

	const callers = 6
	together := &termCountingIndex{innerIndex: idx, callers: callers, gate: make(chan struct{})}
	svc := NewService(together, cat)
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Go(func() { errs <- suggest(svc, together) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := together.termQueries.Load(); got != once {
		t.Errorf("%d callers together made %d term counts, want %d (one count)", callers, got, once)
	}
}

// Generation is the index's, as the service sees it of the real one.
func (c *termCountingIndex) Generation() uint64 {
	return c.innerIndex.(interface{ Generation() uint64 }).Generation()
}

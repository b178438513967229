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
// holding one term, and holds them until waiting callers have all asked
// for the city's count of documents, so that their counts overlap.
type termCountingIndex struct {
	innerIndex
	callers     int64
	totals      atomic.Int64
	termQueries atomic.Int64
	gate        chan struct{}
	once        sync.Once
}

func (c *termCountingIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	if len(q.Filter.Cities) == 1 {
		switch len(q.Clauses) {
		case 0:
			if c.totals.Add(1) >= c.callers {
				c.once.Do(func() { close(c.gate) })
			}
		case 1:
			c.termQueries.Add(1)
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
	suggest := func(svc *Service) error {
		_, err := svc.TextSuggestions(ctx, "sha-d00", "国际交流简报", "330100", pages, nil, 0)
		return err
	}

	alone := &termCountingIndex{innerIndex: idx, callers: 1, gate: make(chan struct{})}
	if err := suggest(NewService(alone, cat)); err != nil {
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
		wg.Go(func() { errs <- suggest(svc) })
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

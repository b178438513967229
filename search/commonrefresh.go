package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// commonTermSet keeps each city's common terms and counts them off the
// request path. Counting is a query a term: made by a page view, it was
// paid by the first view after a city's documents moved by a tenth. Now
// ingest says which cities it wrote (IndexChanged) and a view that finds
// the index written since a city's last check asks for one; either way a
// single worker checks the cities asked for, one at a time, while views
// are answered from the set known.
type commonTermSet struct {
	mu     sync.Mutex
	byCity map[string]cityCommon
	// flight makes one check of a city at a time, whoever asks: the
	// worker and the first views of a city share it.
	flight  singleflight.Group
	pending []string // cities to check, in the order asked
	queued  map[string]bool
	running bool          // the worker is checking pending
	idle    chan struct{} // closed when the running worker has stopped
	// ctx is the checks' (never a request's, which may leave before the
	// others waiting on its check); Close cancels it and waits for work
	// (counting) to end, so that no check outlives the index.
	ctx      context.Context
	cancel   context.CancelFunc
	closed   bool
	counting sync.WaitGroup
	// recountEvery is commonRecountEvery (the tests set none).
	recountEvery time.Duration
	// forced are cities to count whatever the interval (WarmCommonTerms:
	// the index was rebuilt, the terms known are of a part of it).
	forced map[string]bool
	// later holds the checks put off to the interval's end, by city.
	later map[string]*time.Timer
}

// recheckAfter has city checked again after wait, once however often it
// is put off meanwhile; Close stops it.
func (s *Service) recheckAfter(city string, wait time.Duration) {
	c := &s.common
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || c.later[city] != nil {
		return
	}
	if c.later == nil {
		c.later = map[string]*time.Timer{}
	}
	c.later[city] = time.AfterFunc(wait, func() {
		c.mu.Lock()
		delete(c.later, city)
		c.mu.Unlock()
		s.recheckCommonTerms(city)
	})
}

// errCommonClosed is the error of a city's first count asked for once
// the service is closed.
var errCommonClosed = errors.New("search service closed")

// begin starts a piece of background work, reporting its context, or
// false once the service is closed.
func (c *commonTermSet) begin() (context.Context, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, false
	}
	if c.ctx == nil {
		c.ctx, c.cancel = context.WithCancel(context.Background())
	}
	c.counting.Add(1)
	return c.ctx, true
}

// firstCommonTerms counts the common terms of a city of which nothing is
// known yet. The view asking waits for its city's count alone, not for
// the worker's queue, and shares it with every view asking meanwhile;
// the count goes on when the view leaves (ctx), for the others and the
// next.
func (s *Service) firstCommonTerms(ctx context.Context, city string) (cityCommon, error) {
	done := s.common.flight.DoChan(city, func() (any, error) {
		bg, ok := s.common.begin()
		if !ok {
			return cityCommon{}, errCommonClosed
		}
		defer s.common.counting.Done()
		return s.checkCityCommon(bg, city)
	})
	select {
	case r := <-done:
		if r.Err != nil {
			return cityCommon{}, r.Err
		}
		return r.Val.(cityCommon), nil
	case <-ctx.Done():
		return cityCommon{}, ctx.Err()
	}
}

// recheckCommonTerms has cities checked by the worker, in the background:
// a city already waiting is not queued twice. It returns at once.
func (s *Service) recheckCommonTerms(cities ...string) {
	c := &s.common
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, city := range cities {
		if city == "" || c.queued[city] {
			continue
		}
		if c.queued == nil {
			c.queued = map[string]bool{}
		}
		c.queued[city] = true
		c.pending = append(c.pending, city)
	}
	if c.running || c.closed || len(c.pending) == 0 {
		return
	}
	if c.ctx == nil {
		c.ctx, c.cancel = context.WithCancel(context.Background())
	}
	c.running, c.idle = true, make(chan struct{})
	c.counting.Add(1)
	go s.runCommonChecks(c.ctx)
}

// runCommonChecks checks the pending cities until none is left.
func (s *Service) runCommonChecks(ctx context.Context) {
	c := &s.common
	defer c.counting.Done()
	for {
		c.mu.Lock()
		if len(c.pending) == 0 || ctx.Err() != nil {
			c.pending, c.queued = nil, nil
			c.running = false
			close(c.idle)
			c.mu.Unlock()
			return
		}
		city := c.pending[0]
		c.pending = c.pending[1:]
		delete(c.queued, city)
		c.mu.Unlock()
		_, err, _ := c.flight.Do(city, func() (any, error) { return s.checkCityCommon(ctx, city) })
		if err != nil && ctx.Err() == nil {
			// The set known stays in use; the next view or write asks again.
			slog.Warn("search: count the common terms of a city", "city", city, "err", err)
		}
	}
}

// IndexChanged has the common terms of cities, whose documents the index
// has just written or removed, checked again in the background, and
// counted again where their number of documents moved by more than a
// tenth; with no city named, those of every city known. Ingest calls it
// after each batch (ingest.IndexWatcher); it returns at once.
func (s *Service) IndexChanged(cities ...string) {
	if s.idx == nil {
		return
	}
	if len(cities) == 0 {
		s.common.mu.Lock()
		for city := range s.common.byCity {
			cities = append(cities, city)
		}
		s.common.mu.Unlock()
	}
	s.recheckCommonTerms(cities...)
}

// WarmCommonTerms has the common terms of every city of the catalog
// counted in the background, so that the first page views after the
// server starts find them counted rather than wait for their city's.
func (s *Service) WarmCommonTerms(ctx context.Context) error {
	if s.idx == nil {
		return nil
	}
	cities, err := s.cat.Cities(ctx)
	if err != nil {
		return fmt.Errorf("cities whose common terms to count: %w", err)
	}
	codes := make([]string, len(cities))
	s.common.mu.Lock()
	if s.common.forced == nil {
		s.common.forced = map[string]bool{}
	}
	for i, c := range cities {
		codes[i] = c.Code
		s.common.forced[c.Code] = true // counted on the index as it is now, whatever the interval
	}
	s.common.mu.Unlock()
	s.recheckCommonTerms(codes...)
	return nil
}

// Close ends the counts of common terms running in the background and
// waits for them, before the index they read is closed. The service
// answers on, from the sets known.
func (s *Service) Close() {
	c := &s.common
	c.mu.Lock()
	c.closed = true
	if c.cancel != nil {
		c.cancel()
	}
	for _, t := range c.later {
		t.Stop()
	}
	c.mu.Unlock()
	c.counting.Wait()
}

package ingest

import (
	"context"
	"fmt"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
)

// waiters tracks the callers of Wait by the documents they wait for.
type waiters struct {
	mu sync.Mutex
	by map[string]map[*waiter]struct{}
}

// waiter is one call of Wait: the documents it still waits for and those
// that have finished.
type waiter struct {
	mu   sync.Mutex
	done map[string]*catalog.Document
	wake chan struct{} // a signal, capacity 1: something finished
}

func (w *waiters) add(ids []string) *waiter {
	wt := &waiter{done: map[string]*catalog.Document{}, wake: make(chan struct{}, 1)}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.by == nil {
		w.by = map[string]map[*waiter]struct{}{}
	}
	for _, id := range ids {
		if w.by[id] == nil {
			w.by[id] = map[*waiter]struct{}{}
		}
		w.by[id][wt] = struct{}{}
	}
	return wt
}

func (w *waiters) remove(wt *waiter, ids []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, id := range ids {
		delete(w.by[id], wt)
		if len(w.by[id]) == 0 {
			delete(w.by, id)
		}
	}
}

// notify tells the waiters of d that it has finished.
func (w *waiters) notify(d *catalog.Document) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for wt := range w.by[d.ID] {
		wt.finish(d)
	}
}

func (wt *waiter) finish(d *catalog.Document) {
	c := *d
	wt.mu.Lock()
	wt.done[d.ID] = &c
	wt.mu.Unlock()
	select {
	case wt.wake <- struct{}{}:
	default:
	}
}

func (wt *waiter) take() map[string]*catalog.Document {
	wt.mu.Lock()
	defer wt.mu.Unlock()
	got := wt.done
	wt.done = map[string]*catalog.Document{}
	return got
}

// finished is called each time a document reaches indexed or failed.
func (s *Service) finished(d *catalog.Document) {
	s.stalls.pass(d.ID, atIndex) // OnDone says it
	if s.cfg.OnDone != nil {
		s.cfg.OnDone(d)
	}
	s.waiting.notify(d)
}

func isFinal(st catalog.Status) bool {
	return st == catalog.StatusIndexed || st == catalog.StatusFailed
}

// Wait returns when every document of ids has reached indexed or failed,
// with the documents as they then are, in the order of ids. onEach, when
// not nil, is called once for each document as it finishes (from the
// calling goroutine). When ctx ends first, Wait returns ctx's error and
// the documents as far as it knows them; a document that is not in the
// catalog is ENOTFOUND. Callers that must not wait forever give ctx a
// deadline. While the node is refused (Refusal) it returns the refusal.
func (s *Service) Wait(ctx context.Context, ids []string, onEach func(*catalog.Document)) ([]*catalog.Document, error) {
	wt := s.waiting.add(ids)
	defer s.waiting.remove(wt, ids)
	// Registered first, then read: a document finishing in between is seen
	// by one or the other.
	docs := make(map[string]*catalog.Document, len(ids))
	left := map[string]bool{}
	for _, id := range ids {
		if docs[id] != nil {
			continue
		}
		d, err := s.cat.Document(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("wait for %s: %w", id, err)
		}
		docs[id] = d
		if !isFinal(d.Status) {
			left[id] = true
		} else if onEach != nil {
			onEach(d)
		}
	}
	for len(left) > 0 {
		// A refused node reads nothing more (refused.go): a command
		// waiting for it would wait for ever.
		refused, turn := s.outrun.state()
		if refused != nil {
			return ordered(ids, docs), fmt.Errorf("wait for %d documents: %w", len(left), refused)
		}
		select {
		case <-wt.wake:
		case <-turn:
		case <-ctx.Done():
			return ordered(ids, docs), fmt.Errorf("wait for %d documents: %w", len(left), ctx.Err())
		}
		for id, d := range wt.take() {
			if !left[id] || !isFinal(d.Status) {
				continue
			}
			delete(left, id)
			docs[id] = d
			if onEach != nil {
				onEach(d)
			}
		}
	}
	return ordered(ids, docs), nil
}

func ordered(ids []string, docs map[string]*catalog.Document) []*catalog.Document {
	out := make([]*catalog.Document, len(ids))
	for i, id := range ids {
		out[i] = docs[id]
	}
	return out
}

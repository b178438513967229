package ingest

import (
	"context"
	"sync"
)

// queue is an unbounded FIFO of document IDs waiting for the pipeline. It
// is not persistent: the catalog status is, and Start refills the queue
// from it, so nothing is lost when the process stops.
type queue struct {
	mu      sync.Mutex
	ids     []string
	pending map[string]bool
	ready   chan struct{}
}

func newQueue() *queue {
	return &queue{pending: map[string]bool{}, ready: make(chan struct{}, 1)}
}

// push adds the ids not already waiting, in order: the documents of one
// upload request are handed over together, with one wake-up.
func (q *queue) push(ids ...string) {
	q.mu.Lock()
	for _, id := range ids {
		if !q.pending[id] {
			q.pending[id] = true
			q.ids = append(q.ids, id)
		}
	}
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// pop waits for the next ID; ok is false when ctx ends.
func (q *queue) pop(ctx context.Context) (string, bool) {
	for {
		q.mu.Lock()
		if len(q.ids) > 0 {
			id := q.ids[0]
			q.ids[0] = ""
			q.ids = q.ids[1:]
			delete(q.pending, id)
			more := len(q.ids) > 0
			q.mu.Unlock()
			if more {
				// Wake another waiting worker.
				select {
				case q.ready <- struct{}{}:
				default:
				}
			}
			return id, true
		}
		q.mu.Unlock()
		select {
		case <-q.ready:
		case <-ctx.Done():
			return "", false
		}
	}
}

// tryPop takes the next ID if one is waiting, without waiting for one.
func (q *queue) tryPop() (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.ids) == 0 {
		return "", false
	}
	id := q.ids[0]
	q.ids[0] = ""
	q.ids = q.ids[1:]
	delete(q.pending, id)
	return id, true
}

// len is the number of waiting IDs.
func (q *queue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.ids)
}

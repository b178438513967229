package ingest

import (
	"context"
	"errors"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// queue is an unbounded queue of document IDs waiting for the pipeline,
// taken in turns between owners: each owner's documents wait in order in
// a lane of their own, and pop takes one from each lane with documents in
// turn, so that one city uploading a hundred scans does not hold every
// OCR worker while another city's single scan waits behind them all. With
// one owner (the extraction queue pushes all under "") it is a FIFO. It
// is not persistent: the catalog status is, and Start refills the queue
// from it, so nothing is lost when the process stops; a document needing
// OCR comes back to the OCR queue under its owner when it is read again.
type queue struct {
	mu      sync.Mutex
	lanes   map[string][]string // waiting IDs by owner, in order
	turns   []string            // owners with waiting IDs, next first
	pending map[string]bool
	n       int
	ready   chan struct{}
}

func newQueue() *queue {
	return &queue{lanes: map[string][]string{}, pending: map[string]bool{}, ready: make(chan struct{}, 1)}
}

// push adds the ids not already waiting, in order, under no owner: the
// documents of one upload request are handed over together, with one
// wake-up.
func (q *queue) push(ids ...string) { q.pushFor("", ids...) }

// pushFor adds the ids not already waiting to owner's lane, in order; an
// owner with no document waiting takes its turn after those that have.
func (q *queue) pushFor(owner string, ids ...string) {
	q.mu.Lock()
	for _, id := range ids {
		if q.pending[id] {
			continue
		}
		q.pending[id] = true
		if len(q.lanes[owner]) == 0 {
			q.turns = append(q.turns, owner)
		}
		q.lanes[owner] = append(q.lanes[owner], id)
		q.n++
	}
	q.mu.Unlock()
	q.wake()
}

func (q *queue) wake() {
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// take removes the next ID, from the lane whose turn it is; the lane's
// owner then goes to the back of the turns if it has more waiting. The
// caller holds mu.
func (q *queue) take() (string, bool) {
	if q.n == 0 {
		return "", false
	}
	owner := q.turns[0]
	q.turns[0] = ""
	q.turns = q.turns[1:]
	lane := q.lanes[owner]
	id := lane[0]
	lane[0] = ""
	if lane = lane[1:]; len(lane) > 0 {
		q.lanes[owner] = lane
		q.turns = append(q.turns, owner)
	} else {
		delete(q.lanes, owner)
	}
	delete(q.pending, id)
	q.n--
	return id, true
}

// pop waits for the next ID; ok is false when ctx ends.
func (q *queue) pop(ctx context.Context) (string, bool) {
	for {
		q.mu.Lock()
		id, ok := q.take()
		more := q.n > 0
		q.mu.Unlock()
		if ok {
			if more {
				q.wake() // another waiting worker
			}
			return id, true
		}
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
	return q.take()
}

// len is the number of waiting IDs.
func (q *queue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.n
}

// needsOCR is extract.ErrNeedsOCR with the owner of the document that
// needs it, whose lane of the OCR queue it waits in.
type needsOCR struct {
	owner string
	err   error
}

func (e *needsOCR) Error() string { return e.err.Error() }
func (e *needsOCR) Unwrap() error { return e.err }

// ownOCR gives err, when it says d needs OCR, d's owner (ocrOwner).
func ownOCR(d *catalog.Document, err error) error {
	if !errors.Is(err, extract.ErrNeedsOCR) {
		return err
	}
	return &needsOCR{owner: ocrOwner(d), err: err}
}

// ocrOwner is whose turn in the OCR queue d takes: its city's, for the
// cities share the OCR workers; a document of no city takes its
// uploader's.
func ocrOwner(d *catalog.Document) string {
	if d.City != "" {
		return "city:" + d.City
	}
	return "user:" + d.UploadedBy
}

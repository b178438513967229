package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
)

// A node whose catalog a newer binary migrated (watchSchema) stops its
// background work as well as its requests: a newer schema may come with
// newer readers and field rules, and this node's status moves, bands,
// texts and index entries, written by the older ones, could mislead the
// newer binary that relies on its own. Each loop waits at its top while
// the node is refused (waitServing), or stops short when what it read
// before may be stale; work in progress stops as follows.
//
// A reading (extraction, OCR) writes nothing, so it is dropped at once
// (untilRefused): an hour of OCR is not spent on pages never written.
// The few writes after it are each one catalog transaction or one blob
// put, and the pipeline resumes from between any two of them (a text
// saved and not recorded, a document extracted and not indexed: the
// states a crash leaves), so a job stops before its next write, never
// inside one (refusedNow). An index batch begun is left to finish, a
// second or so (putBackRefused), the leases of its jobs renewed till it
// ends (jobLease), or a slow one's could run out and another node index
// its documents again: cut between its index write and its status move,
// it would leave index entries of documents its catalog says are not
// indexed, a record half written. The watch polls every
// FollowInterval, so a job may still be taken in the instant before a
// poll sees the newer migration; its reading is then dropped.
//
// A job dropped so, on a shared catalog, is given back uncounted
// (giveBack): the one write a refused node makes besides a batch it
// finishes, and it undoes the node's own, its taking of the job. Left to
// run out, the lease counted the drop as an attempt, and a good document
// dropped by a refusal and then by a crash or two was failed as poison.
// So are the jobs waiting in the OCR queue, at the turn (refuse): no
// worker takes them while the node is refused, and their keepers renew
// nothing into a newer catalog.
// Those writes of the job columns (a give back, the renewals of a batch
// finishing) are made only while the catalog's job contract is the one
// this node knows (catalog.JobContract): a newer binary that gave those
// columns another meaning gets none of them, and the node logs why.

// errRefused marks work stopped because the node no longer serves; the
// error that carries it is also the refusal, EUNAVAILABLE, so that a path
// that does not look for it retries the document instead of failing it.
var errRefused = errors.New("this node stopped its work: its catalog was migrated by a newer version of evidence")

// refusal is why this node no longer serves, and a channel closed at each
// turn, so that the waiting loops and the reads cut short hear of it at
// once rather than at their next poll.
type refusal struct {
	mu      sync.Mutex
	err     *catalog.Error
	last    *catalog.Error // the latest refusal, kept once the node serves again
	changed chan struct{}
}

// state returns the refusal, nil while the node serves, and the channel
// closed at the next turn.
func (r *refusal) state() (*catalog.Error, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.changed == nil {
		r.changed = make(chan struct{})
	}
	return r.err, r.changed
}

// set records err (nil: the node serves again) and reports whether that
// was a turn.
func (r *refusal) set(err *catalog.Error) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.last = err
	}
	if (r.err == nil) == (err == nil) {
		r.err = err // a later migration yet is named, not the first seen
		return false
	}
	r.err = err
	if r.changed != nil {
		close(r.changed)
	}
	r.changed = make(chan struct{})
	return true
}

// refusedNow returns, while the node is refused, an error that is both
// errRefused and the refusal (stopped); nil while it serves.
func (s *Service) refusedNow() error {
	if err, _ := s.outrun.state(); err != nil {
		return s.stopped()
	}
	return nil
}

// stopped is the error of work the refusal cut short, even when the node
// serves again by the time it is told: both errRefused and the refusal.
func (s *Service) stopped() error {
	s.outrun.mu.Lock()
	last := s.outrun.last
	s.outrun.mu.Unlock()
	if last == nil {
		return errRefused
	}
	return fmt.Errorf("%w: %w", errRefused, last)
}

// waitServing returns at once while the node serves; while it is refused
// it waits until the node serves again, false when ctx ends first.
func (s *Service) waitServing(ctx context.Context) bool {
	for {
		err, changed := s.outrun.state()
		if err == nil {
			return ctx.Err() == nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return false
		}
	}
}

// untilRefused returns ctx ended also when the node is refused, for work
// that writes nothing and may be dropped half-way (a reading, OCR), and
// the function that lets its watch go.
func (s *Service) untilRefused(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	err, changed := s.outrun.state()
	if err != nil {
		cancel(errRefused)
		return ctx, func() {}
	}
	go func() {
		select {
		case <-changed:
			cancel(errRefused)
		case <-ctx.Done():
		}
	}()
	return ctx, func() { cancel(nil) }
}

// putBackRefused puts the documents of an index batch not begun back on
// the queue, to wait there, their jobs given back uncounted, and reports
// whether it did: while the node is refused. Each is left at a state the pipeline resumes from: stored with
// its text saved and not recorded, or extracted. A batch begun is left to
// finish (a second or so): cut between its index write and its status
// move, it would leave index entries of documents its catalog says are
// not indexed.
func (s *Service) putBackRefused(ctx context.Context, jobs []indexJob) bool {
	if s.refusedNow() == nil {
		return false
	}
	for _, j := range jobs {
		s.giveBack(ctx, j.lease)
		s.queue.push(j.doc.ID)
	}
	return true
}

// reconcileServing runs the start's pass over the index and the catalog
// (Reconcile) and, when a refusal cut it short, again once the node
// serves again: a node that serves again without a restart (a restored
// backup) would otherwise leave the documents its index lost unsearchable
// and the entries of deleted ones found, until the next start.
func (s *Service) reconcileServing(ctx context.Context) {
	for s.waitServing(ctx) {
		err := s.Reconcile(ctx)
		if errors.Is(err, errRefused) {
			continue
		}
		if err != nil && ctx.Err() == nil {
			s.log.Error("reconcile index with catalog", "err", err)
		}
		return
	}
}

// awaitReconciled waits for the start's pass over the index and the
// catalog; while the node is refused before it is done, it returns the
// refusal, for the pass waits for the node to serve again.
func (s *Service) awaitReconciled(ctx context.Context) error {
	for {
		refused, turn := s.outrun.state()
		select {
		case <-s.reconciled:
			return nil
		default:
		}
		if refused != nil {
			return refused
		}
		select {
		case <-s.reconciled:
			return nil
		case <-turn:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

package ingest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// On a shared catalog every extraction is a leased job (catalog.TakeJob):
// a worker takes the document before reading it and renews the lease while
// it works, so of several nodes exactly one extracts it; when a node dies
// its lease runs out and adoptOrphans on another node queues the document
// there.

// takeJob reports whether this node may work on document id now, and the
// token of its taking (catalog.TakeJob). On a catalog of one node there
// is nothing to share, and no token.
func (s *Service) takeJob(ctx context.Context, id string) (token string, ok bool) {
	if !s.cfg.Shared {
		return "", true
	}
	token, err := s.cat.TakeJob(ctx, id, s.cfg.Node, s.cfg.Lease)
	if errors.Is(err, catalog.ErrJobLocked) {
		// Another transaction holds its row this moment (an edit, a
		// link to it): asked for again shortly, then less often. Not
		// the store's or the catalog's failure, so not reported as one.
		delay := s.locked.next(id, s.cfg.RetryDelay)
		time.AfterFunc(delay, func() {
			if ctx.Err() == nil {
				s.queue.push(id)
			}
		})
		return "", false
	}
	s.locked.forget(id)
	if err != nil {
		s.unavailable(ctx, id, atTake, err)
		return "", false
	}
	s.passed(id, atTake)
	return token, token != ""
}

// giveBack ends lease and gives its job back to the catalog without
// counting it as an attempt (catalog.GiveBackJob): the job was dropped for
// no fault of the document, the node refused or stopping. Only the lease
// of lease's own taking is given back: another worker of this node may
// have taken the job since, its lease having run out. Stopping, it is
// given back on a context of its own, for a while.
func (s *Service) giveBack(ctx context.Context, lease *jobLease) {
	if lease == nil {
		return
	}
	lease.end() // renewed after it is given back, it would hold nothing
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), giveBackWait)
	defer cancel()
	_, err := s.cat.GiveBackJob(ctx, lease.id, s.cfg.Node, lease.token)
	var contract *catalog.JobContractError
	if errors.As(err, &contract) {
		// A newer binary gave the job columns another meaning: this
		// node's idea of them would corrupt them. Its lease runs out,
		// as the newer binary understands it.
		s.log.Warn("job not given back: the catalog's job contract is not the one this node knows, so it writes none of the job columns; "+
			"任务未交还：目录数据库的任务约定已由较新版本更改，本节点不再写入任务字段",
			"id", lease.id, "catalog_job_contract", contract.Have, "known_job_contract", contract.Known)
		return
	}
	if err != nil {
		// Its lease runs out instead, and counts.
		s.log.Warn("give back job", "id", lease.id, "err", err)
	}
}

// giveBackWait bounds a give back, which a stopping node waits for.
const giveBackWait = 5 * time.Second

// firstLockedRetry is how soon a job found locked is asked for again; each
// time it is found locked again the wait doubles, up to Config.RetryDelay.
const firstLockedRetry = 50 * time.Millisecond

// lockedTakes counts, per document, the takes of its job in a row that
// found its row locked (catalog.ErrJobLocked).
type lockedTakes struct {
	mu sync.Mutex
	n  map[string]int
}

// next counts one more take of id found locked and returns how long to
// wait before the next: firstLockedRetry, doubled each time, at most most.
func (l *lockedTakes) next(id string, most time.Duration) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.n == nil {
		l.n = map[string]int{}
	}
	d := firstLockedRetry << min(l.n[id], 16)
	l.n[id]++
	return min(d, max(most, firstLockedRetry))
}

// forget ends the count of id: its take was answered.
func (l *lockedTakes) forget(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.n, id)
}

// jobLease is this node's hold on a job it took, renewed by a keeper
// (keepLease) from the reading to the end of the index batch the document
// goes in, or to the OCR worker's take when it waits in the OCR queue
// (ocrWaits): unrenewed, a lease could run out while a slow batch was being
// written, and another node take the document and index it again. While
// the node is refused the keeper lets it run out (or it is given back),
// except once finishing says its batch was begun, which is left to finish
// (putBackRefused). A nil jobLease is no hold: a catalog of one node.
type jobLease struct {
	id, token string // the document and its taking (catalog.TakeJob)
	finishing atomic.Bool
	stop      func()
}

// end stops the keeper and waits for it; the lease, no longer renewed,
// runs out at its time. end may be called more than once.
func (l *jobLease) end() {
	if l != nil {
		l.stop()
	}
}

// finish says the batch the job is in was begun: it is renewed until its
// end, refused or not.
func (l *jobLease) finish() {
	if l != nil {
		l.finishing.Store(true)
	}
}

// keepLease renews the lease of this node's taking token of id every third
// of the lease until the returned lease ends (or ctx ends).
func (s *Service) keepLease(ctx context.Context, id, token string) *jobLease {
	if !s.cfg.Shared {
		return nil
	}
	l := &jobLease{id: id, token: token}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(s.cfg.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if s.Refusal() != nil && !l.finishing.Load() {
					// Not renewed into a newer catalog: the job, cut
					// short, is given back or runs out for a newer
					// node to take.
					continue
				}
				if ok, err := s.cat.RenewJob(ctx, id, s.cfg.Node, token, s.cfg.Lease); err != nil || !ok {
					s.log.Warn("renew job lease", "id", id, "held", ok, "err", err)
				}
			}
		}
	}()
	l.stop = sync.OnceFunc(func() { cancel(); <-done })
	return l
}

// ocrWaits holds the leases of jobs a text worker handed to the OCR
// queue, their keepers renewing them while they wait there. Ended at the
// handoff, a lease ran out behind a long OCR queue: the next take counted
// an attempt against a good document (failed as poison after a few), and
// another node could take the document meanwhile.
type ocrWaits struct {
	mu     sync.Mutex
	leases map[string]*jobLease
}

// hold keeps l, a taking of id's job, while id waits in the OCR queue. A
// lease it replaces, an earlier taking of the same job, is ended.
func (w *ocrWaits) hold(id string, l *jobLease) {
	if l == nil {
		return
	}
	w.mu.Lock()
	if w.leases == nil {
		w.leases = map[string]*jobLease{}
	}
	old := w.leases[id]
	w.leases[id] = l
	w.mu.Unlock()
	if old != l {
		old.end()
	}
}

// release ends the lease id waited with, if it waited: a worker takes its
// job now, as a taking of its own.
func (w *ocrWaits) release(id string) {
	w.mu.Lock()
	l := w.leases[id]
	delete(w.leases, id)
	w.mu.Unlock()
	l.end()
}

// drain returns the leases still waiting, and forgets them.
func (w *ocrWaits) drain() []*jobLease {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []*jobLease
	for _, l := range w.leases {
		out = append(out, l)
	}
	clear(w.leases)
	return out
}

// giveBackWaiting gives back the jobs still waiting in the OCR queue when
// the workers stop or the node is refused: neither is the documents'
// fault. They stay in the queue; taken again once the node serves, each
// counts as its first attempt.
func (s *Service) giveBackWaiting(ctx context.Context) {
	for _, l := range s.ocrWaits.drain() {
		s.giveBack(ctx, l)
	}
}

// endLeases ends the leases of jobs.
func endLeases(jobs []indexJob) {
	for _, j := range jobs {
		j.lease.end()
	}
}

// orphanGrace is how long a document nobody has taken waits before
// another node takes it: its own node normally takes it at once.
const orphanGrace = 5 * time.Second

// adoptOrphans queues, every few seconds, documents whose job no node
// holds: the lease of a node that died ran out, or it never took them.
// Under StartFor (repair) it queues only the documents asked for: the
// others are left for serve, a long scan's OCR above all.
func (s *Service) adoptOrphans(ctx context.Context) {
	every := min(s.cfg.Lease/4, 5*time.Second)
	t := time.NewTicker(every)
	defer t.Stop()
	outage := outageLog{what: "look for orphaned jobs"}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if s.Refusal() != nil {
			s.parked("orphans", "")
			continue // the newer nodes take them (refused.go)
		}
		ids, err := s.cat.OrphanedJobs(ctx, orphanGrace, 64)
		if err != nil {
			if ctx.Err() == nil {
				outage.failed(s.log, err, time.Now())
			}
			continue
		}
		outage.worked(s.log, time.Now())
		for _, id := range ids {
			if s.only != nil && !s.only[id] {
				continue
			}
			s.log.Info("taking over an orphaned job", "id", id)
			s.queue.push(id)
		}
	}
}

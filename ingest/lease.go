package ingest

import (
	"context"
	"time"
)

// On a shared catalog every extraction is a leased job (catalog.TakeJob):
// a worker takes the document before reading it and renews the lease while
// it works, so of several nodes exactly one extracts it; when a node dies
// its lease runs out and adoptOrphans on another node queues the document
// there.

// takeJob reports whether this node may work on document id now. On a
// catalog of one node there is nothing to share.
func (s *Service) takeJob(ctx context.Context, id string) bool {
	if !s.cfg.Shared {
		return true
	}
	ok, err := s.cat.TakeJob(ctx, id, s.cfg.Node, s.cfg.Lease)
	if err != nil {
		s.unavailable(ctx, id, atTake, err)
		return false
	}
	s.passed(id, atTake)
	return ok
}

// keepLease renews this node's lease on id every third of the lease until
// the returned stop is called.
func (s *Service) keepLease(ctx context.Context, id string) (stop func()) {
	if !s.cfg.Shared {
		return func() {}
	}
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
				if ok, err := s.cat.RenewJob(ctx, id, s.cfg.Node, s.cfg.Lease); err != nil || !ok {
					s.log.Warn("renew job lease", "id", id, "held", ok, "err", err)
				}
			}
		}
	}()
	return func() { cancel(); <-done }
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
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ids, err := s.cat.OrphanedJobs(ctx, orphanGrace, 64)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Warn("look for orphaned jobs", "err", err)
			}
			continue
		}
		for _, id := range ids {
			if s.only != nil && !s.only[id] {
				continue
			}
			s.log.Info("taking over an orphaned job", "id", id)
			s.queue.push(id)
		}
	}
}

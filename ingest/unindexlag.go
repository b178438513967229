package ingest

import (
	"context"
	"slices"
	"sync"
	"time"
)

// unindexLag holds the deleted documents whose removal from the index
// failed (UnindexAfterDelete): they stay in the index until a retry, or
// the start's reconciliation, removes them, and meanwhile a search leaves
// them out of its counts and facets as it leaves them out of its hits
// (DeletesNotApplied). On a catalog several nodes share they are pending
// anyway (changed after the index's applied seq); on one node only this
// set knows them (review s55).
type unindexLag struct {
	mu  sync.Mutex
	ids map[string]bool
	gen uint64 // moves with every change of ids
}

// add records ids as still in the index.
func (l *unindexLag) add(ids []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ids == nil {
		l.ids = map[string]bool{}
	}
	for _, id := range ids {
		l.ids[id] = true
	}
	l.gen++
}

// remove forgets ids, removed from the index.
func (l *unindexLag) remove(ids []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(l.ids)
	for _, id := range ids {
		delete(l.ids, id)
	}
	if len(l.ids) != n {
		l.gen++
	}
}

// DeletesNotApplied returns the deleted documents this node's index still
// holds because their removal failed, sorted, and a number that moves
// whenever they change (for a search's cache of its pending documents):
// a search leaves them out of its hits, counts and facets
// (search.Service's pending changes).
func (s *Service) DeletesNotApplied() (ids []string, gen uint64) {
	s.unindexLag.mu.Lock()
	defer s.unindexLag.mu.Unlock()
	if len(s.unindexLag.ids) == 0 {
		return nil, s.unindexLag.gen
	}
	for id := range s.unindexLag.ids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, s.unindexLag.gen
}

// retryUnindex tries the removal of ids from the index again after
// Config.RetryDelay, and again after each failure, until it succeeds or
// the service stops (Close); reconciliation at the next start removes
// what is left then. Those restored meanwhile are left in the index
// (unindexStillDeleted).
func (s *Service) retryUnindex(ids []string) {
	ctx := s.running
	if ctx == nil {
		return // not started: the start's reconciliation removes them
	}
	time.AfterFunc(s.cfg.RetryDelay, func() {
		if ctx.Err() != nil {
			return
		}
		removed, err := s.unindexStillDeleted(ctx, ids)
		if err != nil {
			s.retryUnindex(ids)
			return
		}
		if len(removed) > 0 {
			s.log.Info("deleted documents removed from the index on a retry", "documents", removed)
		}
	})
}

// unindexStillDeleted removes from the index those of ids the catalog
// still has deleted, and returns them; the others were restored since
// the removal failed and are forgotten, not removed: a restored document
// is pending (extracted) until the pipeline writes it again, and a
// removal after that write took a live, indexed document out of the
// index, unfound by every search till the next start. Under indexMu, as
// the pipeline's writes are, so that a restore's write cannot fall
// between the catalog's answer and the removal.
func (s *Service) unindexStillDeleted(ctx context.Context, ids []string) ([]string, error) {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	live, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var deleted, restored []string
	for _, id := range ids {
		if _, ok := live[id]; ok {
			restored = append(restored, id)
		} else {
			deleted = append(deleted, id)
		}
	}
	s.unindexLag.remove(restored)
	if len(deleted) == 0 {
		return nil, nil
	}
	if err := s.idx.Delete(ctx, deleted...); err != nil {
		return nil, err
	}
	s.unindexLag.remove(deleted)
	s.indexChanged()
	return deleted, nil
}

package ingest

import (
	"context"
	"errors"
	"sync"
)

// UnavailableMessage is the log message of a document put back to be
// tried again because the object store or the catalog did not answer (a
// command that says so in its own words leaves it out of its log).
const UnavailableMessage = "pipeline dependency unavailable, will retry"

// stallPoint is where in the pipeline a document was held up by the
// store or the catalog, in the order a document passes them.
type stallPoint int

const (
	atTake   stallPoint = iota + 1 // taking its job (catalog.TakeJob)
	atRead                         // reading, extracting and storing its text
	atRecord                       // recording the extraction, comparing near duplicates
	atIndex                        // writing the index, marking it indexed
)

// stalls remembers, per document put back for the store or the catalog,
// where it was held up, until it gets past that point.
type stalls struct {
	mu sync.Mutex
	at map[string]stallPoint
}

// mark records that id was held up at p and returns where it was held up
// before (0 for nowhere).
func (st *stalls) mark(id string, p stallPoint) stallPoint {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.at == nil {
		st.at = map[string]stallPoint{}
	}
	before := st.at[id]
	st.at[id] = p
	return before
}

// pass forgets id when it was held up at p or before, and reports whether
// it was.
func (st *stalls) pass(id string, p stallPoint) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if at, ok := st.at[id]; ok && at <= p {
		delete(st.at, id)
		return true
	}
	return false
}

// unavailable puts document id back to be tried again after RetryDelay:
// the store or the catalog failed it at p (err). Config.OnUnavailable is
// told, except for the memory budget for comparing texts, which is this
// server's own and comes free again without anyone's help; when the
// document had been held up at an earlier point, OnUnavailable is first
// told it got past that one.
func (s *Service) unavailable(ctx context.Context, id string, p stallPoint, err error) {
	s.log.Warn(UnavailableMessage, "id", id, "err", err)
	if !compareMemoryBusy(err) {
		before := s.stalls.mark(id, p)
		if s.cfg.OnUnavailable != nil {
			if before != 0 && before < p {
				s.cfg.OnUnavailable(id, nil)
			}
			s.cfg.OnUnavailable(id, err)
		}
	}
	s.retryLater(ctx, id)
}

// passed is called when document id got past p: when the store or the
// catalog had held it up there or before, OnUnavailable(id, nil) says it
// answers again.
func (s *Service) passed(id string, p stallPoint) {
	if s.stalls.pass(id, p) && s.cfg.OnUnavailable != nil {
		s.cfg.OnUnavailable(id, nil)
	}
}

// memoryBusy marks an error of the memory budget for comparing texts
// (comparer): EUNAVAILABLE, to be retried, but not the store's.
type memoryBusy struct{ error }

func (m memoryBusy) Unwrap() error { return m.error }

func compareMemoryBusy(err error) bool {
	var m memoryBusy
	return errors.As(err, &m)
}

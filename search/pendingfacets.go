package search

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
)

// IndexFollower tells how far this node's index has applied the catalog's
// changes (ingest.Service.IndexApplied): on a catalog several nodes write
// each node's index applies the others' changes late.
type IndexFollower interface {
	IndexApplied() (seq int64, following bool)
}

// deletesLagging is an IndexFollower that also knows the deleted
// documents its index still holds because their removal failed
// (ingest.Service.DeletesNotApplied): a search leaves them out of its
// hits, counts and facets, as pending documents the catalog no longer
// has. On one node nothing else tells them (they are not changed after
// an applied seq), and the facets counted them until a retry removed them
// (review s55).
type deletesLagging interface {
	DeletesNotApplied() (ids []string, gen uint64)
}

// UseIndexFollower has the hits, counts and facets of every search
// corrected also by the catalog's changes f's index has not applied yet
// (pendingChanges, pageAsCatalog).
func (s *Service) UseIndexFollower(f IndexFollower) { s.follower = f }

// maxCorrectedChanges is how many pending changes a search corrects its
// hits, counts and facets by (pageAsCatalog). More are rare (a node
// catching up after a long outage, an index rebuilt from nothing, which
// Result.Rebuilding says): they are then corrected by the latest
// maxCorrectedChanges (those people have just made, and look for) and
// said to be approximate (Result.FacetsApproximate), at the cost of one
// catalog read of that many rows per catalog change, and one index
// search among that many documents per search.
const maxCorrectedChanges = 2000

// pendingSet is the catalog's documents an index may not have applied
// yet, as read at a catalog seq with the index having applied up to
// applied (-1: not following).
type pendingSet struct {
	seq, applied int64
	deletesGen   uint64                       // of the deletes not applied (deletesLagging)
	ids          []string                     // the latest changed first, then deletes not applied
	docs         map[string]*catalog.Document // the live ones, by ID
	indicators   map[string][]string          // their linked indicators
	more         bool                         // more than Service.maxCorrected
}

// nothingPending is the pendingSet of an index that has every change.
var nothingPending pendingSet

// pendingCache keeps the last pendingSet read: it stays true until the
// catalog's seq moves (every change of a document, its status and its
// links renumbers it) or the index applies more changes.
type pendingCache struct {
	mu   sync.Mutex
	last *pendingSet
}

// pendingChanges returns the documents whose index copy may differ from
// the catalog: those saved as changed and not indexed again on this node
// (status extracted: the write in flight, or queued after failing) and,
// on a node following a shared catalog, those changed after the last
// change its index applied. It reads the catalog only when its seq (in
// the search's stamps, read anyway) or the index's applied seq moved
// since the last read, and only when something may be pending: a live
// document extracted, or a seq past the applied one. With nothing
// pending a search reads nothing more than its stamps.
func (s *Service) pendingChanges(ctx context.Context) (*pendingSet, error) {
	var seq int64
	var extracted bool
	if st := stampsOf(ctx, s.cat); st != nil {
		if st.err != nil {
			return nil, st.err
		}
		seq, extracted = st.version.Seq(), st.extracted
	} else {
		_, vs, ex, err := s.cat.SearchStampsExtracted(ctx)
		if err != nil {
			return nil, err
		}
		seq, extracted = vs.Seq(), ex
	}
	applied := int64(-1)
	if s.follower != nil {
		if at, following := s.follower.IndexApplied(); following {
			applied = at
		}
	}
	var undeleted []string
	var deletesGen uint64
	if d, ok := s.follower.(deletesLagging); ok {
		undeleted, deletesGen = d.DeletesNotApplied()
	}
	changed := extracted || (applied >= 0 && applied < seq)
	if !changed && len(undeleted) == 0 {
		// The usual case: every change is in the index.
		return &nothingPending, nil
	}
	s.pending.mu.Lock()
	last := s.pending.last
	s.pending.mu.Unlock()
	if last != nil && last.seq == seq && last.applied == applied && last.deletesGen == deletesGen {
		return last, nil
	}
	var changes []catalog.Change
	var err error
	if changed {
		if changes, err = s.cat.PendingIndexChanges(ctx, applied, s.maxCorrected+1); err != nil {
			return nil, fmt.Errorf("read the changes the index may lack: %w", err)
		}
	}
	p := &pendingSet{seq: seq, applied: applied, deletesGen: deletesGen, docs: map[string]*catalog.Document{}}
	if len(changes) > s.maxCorrected {
		changes, p.more = changes[:s.maxCorrected], true
	}
	for _, c := range changes {
		p.ids = append(p.ids, c.Document.ID)
		if !c.Deleted {
			p.docs[c.Document.ID] = c.Document
		}
	}
	for _, id := range undeleted {
		// Deleted: never among the live changes (p.docs), nor found.
		if !slices.Contains(p.ids, id) {
			p.ids = append(p.ids, id)
		}
	}
	if len(p.docs) > 0 {
		if p.indicators, err = s.cat.DocumentIndicators(ctx, slices.Collect(maps.Keys(p.docs))); err != nil {
			return nil, fmt.Errorf("read the indicators of the changes the index may lack: %w", err)
		}
	}
	s.pending.mu.Lock()
	s.pending.last = p
	s.pending.mu.Unlock()
	return p, nil
}

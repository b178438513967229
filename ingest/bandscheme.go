package ingest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/lcmonitor/evidence/catalog"
)

// BandSchemeRun is the computing again, from their stored texts, of the
// near-duplicate bands the catalog keeps of an older band scheme
// (neardup.BandScheme): what it did and how far it is.
type BandSchemeRun struct {
	Running     bool
	Done, Total int // documents
	// Replaced counts the documents given bands of the current scheme;
	// Unreadable those whose stored text could not be read, which keep
	// their old bands until a later start.
	Replaced, Unreadable int
	Err                  error // why the run stopped short, nil when it did not
}

// bandSchemeState holds the run and whether the catalog may still hold
// bands of scheme 1, which new texts are then looked up by too.
type bandSchemeState struct {
	legacy atomic.Bool
	mu     sync.Mutex
	run    BandSchemeRun
}

// rebandBatch is how many documents' bands are replaced in one catalog
// transaction.
const rebandBatch = 256

// BandSchemeState is the run as it stands (Running false and Total 0
// when the catalog held no bands of an older scheme at start).
func (s *Service) BandSchemeState() BandSchemeRun {
	s.bandScheme.mu.Lock()
	defer s.bandScheme.mu.Unlock()
	return s.bandScheme.run
}

// startBandScheme looks for bands of band scheme 1 in the catalog and,
// when there are any, computes them again in the background of the
// running pipeline (recomputeBands). Until that is done every new text is
// looked up by its scheme 1 bands too (catalog.Extraction.Legacy), so
// that no near duplicate stored before is missed meanwhile, and none is
// found by a band of the other scheme. The short bands of the texts read
// before short bands existed are filled beside it (startShortBands).
func (s *Service) startBandScheme(ctx context.Context) error {
	s.startShortBands(ctx)
	if has, err := s.lookForLegacyBands(ctx); err != nil || !has {
		return err
	}
	s.bandScheme.mu.Lock()
	s.bandScheme.run = BandSchemeRun{Running: true}
	s.bandScheme.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		err := s.recomputeBandsServing(ctx)
		s.bandScheme.mu.Lock()
		s.bandScheme.run.Running, s.bandScheme.run.Err = false, err
		run := s.bandScheme.run
		s.bandScheme.mu.Unlock()
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("near-duplicate bands of the old scheme not all computed again", "err", err)
			}
			return
		}
		s.log.Info("near-duplicate bands computed again", "documents", run.Total, "replaced", run.Replaced,
			"unreadable", run.Unreadable)
	}()
	return nil
}

// lookForLegacyBands says whether the catalog holds bands of band scheme
// 1, and has new texts looked up by theirs too while it does.
func (s *Service) lookForLegacyBands(ctx context.Context) (bool, error) {
	has, err := s.cat.HasLegacyBands(ctx)
	if err != nil {
		return false, err
	}
	s.bandScheme.legacy.Store(has)
	return has, nil
}

// recomputeBands replaces the scheme 1 bands of every document that has
// them with bands computed from its stored text as the pipeline computes
// them, rebandBatch documents a transaction, and clears the pipeline's
// looking up by scheme 1 bands once none is left. A document deleted
// has its bands computed too: restored, it is found again.
func (s *Service) recomputeBands(ctx context.Context) error {
	var docs []*catalog.Document
	if err := s.cat.DocumentsWithLegacyBands(ctx, func(d *catalog.Document) { docs = append(docs, d) }); err != nil {
		return err
	}
	s.log.Info("computing near-duplicate bands again from the stored texts", "documents", len(docs))
	s.bandScheme.mu.Lock()
	s.bandScheme.run = BandSchemeRun{Running: true, Total: len(docs)} // anew after a refusal
	s.bandScheme.mu.Unlock()
	for start := 0; start < len(docs); start += rebandBatch {
		batch := docs[start:min(start+rebandBatch, len(docs))]
		news := make([]catalog.NewBands, 0, len(batch))
		unreadable := 0
		for _, d := range batch {
			t, err := LoadText(ctx, s.blobs, d.SHA256)
			if storeDown(ctx, err) {
				return err
			}
			if err != nil {
				s.log.Warn("near-duplicate bands kept of the old scheme: the stored text could not be read", "id", d.ID, "err", err)
				unreadable++
				continue
			}
			_, bands := fingerprint(t.Reading().TrustedPages(t.Pages))
			news = append(news, catalog.NewBands{ID: d.ID, Bands: bands})
		}
		// Stopped, not waited out: the list was read from the catalog
		// before a newer binary migrated it; it is read anew once the
		// node serves again (recomputeBandsServing).
		if err := s.refusedNow(); err != nil {
			return err
		}
		n, err := s.cat.ReplaceLegacyBands(ctx, news)
		if err != nil {
			return err
		}
		s.bandScheme.mu.Lock()
		s.bandScheme.run.Done += len(batch)
		s.bandScheme.run.Replaced += n
		s.bandScheme.run.Unreadable += unreadable
		done, total := s.bandScheme.run.Done, s.bandScheme.run.Total
		s.bandScheme.mu.Unlock()
		s.log.Info("near-duplicate bands computed again", "done", done, "total", total)
	}
	_, err := s.lookForLegacyBands(ctx)
	return err
}

// recomputeBandsServing is recomputeBands, run again once the node serves
// again when a refusal cut it short: otherwise the scheme 1 bands stayed,
// and every new text was looked up by them too, until the next start.
func (s *Service) recomputeBandsServing(ctx context.Context) error {
	for {
		err := s.recomputeBands(ctx)
		if !errors.Is(err, errRefused) {
			return err
		}
		if !s.waitServing(ctx) {
			return ctx.Err()
		}
	}
}

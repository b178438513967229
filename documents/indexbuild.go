package documents

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// indexBuilds is how many page indexes are built at once at most: each
// reads a text through (30 MB from S3 for a long one).
const indexBuilds = 2

// indexBuildTimeout is the longest one build of a page index may take:
// some 100 times what reading a 30 MB text from S3 takes.
const indexBuildTimeout = 5 * time.Minute

// indexBuild is a page index being built for the views waiting for it.
type indexBuild struct {
	done chan struct{} // closed when ix and err are set
	ix   *pageIndex
	err  error
	// waiters is how many views wait for it; the last to leave ends it
	// (cancel), as no one is left to show it to.
	waiters int
	cancel  context.CancelFunc
	// at is the page the view that began the build shows; first is that
	// page, read on the way through (the text is not read again for it),
	// set with ix under buildMu, until the view takes it. left: that
	// view is gone, and first is given back to the budget, unshown.
	at    PageAt
	first *pageRead
	left  bool
}

// buildIndex is the page index of d's text that key names, built by
// reading the text through once for all the views that ask at once, no
// more than indexBuilds at once; a build ends when the last view waiting
// for it leaves, when it takes indexBuildTimeout or when the service is
// closed. A panic while building is the views' error, not the server's
// end. The view that begins a build has its page (at) kept on the way
// (first, nil for the others and when at is past the text's end): a
// first view reads the text once, not through and then its page again.
func (s *Service) buildIndex(ctx context.Context, d *catalog.Document, key string, at PageAt) (*pageIndex, *pageRead, error) {
	s.buildMu.Lock()
	if s.life.Err() != nil {
		s.buildMu.Unlock()
		return nil, nil, fmt.Errorf("page index: %w", context.Canceled)
	}
	b, joined := s.builds[key]
	if !joined {
		bctx, cancel := context.WithTimeout(s.life, indexBuildTimeout)
		b = &indexBuild{done: make(chan struct{}), cancel: cancel, at: at}
		if s.builds == nil {
			s.builds = map[string]*indexBuild{}
		}
		s.builds[key] = b
		s.building.Add(1)
		go s.runBuild(bctx, b, d, key)
	}
	b.waiters++
	s.buildMu.Unlock()
	select {
	case <-b.done:
		if joined {
			return b.ix, nil, b.err
		}
		s.buildMu.Lock()
		first := b.first
		b.first = nil
		s.buildMu.Unlock()
		return b.ix, first, b.err
	case <-ctx.Done():
		s.buildMu.Lock()
		if !joined {
			b.left = true
			b.first.release() // built as the view left: its page unshown
			b.first = nil
		}
		if b.waiters--; b.waiters == 0 {
			b.cancel()
			if s.builds[key] == b {
				delete(s.builds, key)
			}
		}
		s.buildMu.Unlock()
		return nil, nil, ctx.Err()
	}
}

// runBuild builds b, the page index of d's text that key names, and
// keeps b.at on the way for the view that began it.
func (s *Service) runBuild(ctx context.Context, b *indexBuild, d *catalog.Document, key string) {
	defer s.building.Done()
	var first *pageRead
	defer func() {
		if p := recover(); p != nil {
			slog.Error("page index: panic", "document", d.ID, "panic", p, "stack", string(debug.Stack()))
			b.ix, b.err = nil, fmt.Errorf("page index of %s: panic: %v", d.ID, p)
		}
		s.buildMu.Lock()
		if s.builds[key] == b {
			delete(s.builds, key)
		}
		if b.err != nil || b.ix == nil || b.left {
			first.release() // no view left to show it, or nothing to show
		} else {
			b.first = first
		}
		s.buildMu.Unlock()
		b.cancel()
		close(b.done)
	}()
	select {
	case s.buildSlots <- struct{}{}:
		defer func() { <-s.buildSlots }()
	case <-ctx.Done():
	}
	if err := ctx.Err(); err != nil {
		// Ended while waiting its turn: a slot freed by a build Close
		// ended may be taken as the end is, and is given back unused.
		b.err = fmt.Errorf("page index of %s: %w", d.ID, err)
		return
	}
	if ix := s.pageIndexes.get(key); ix != nil {
		b.ix = ix // built while this build waited its turn
		return
	}
	// first holds what it kept of the budget from the start, so that a
	// panic while reading gives it back too. It takes the text's head on
	// the way too, for the view's suggestions (Read).
	at, first := b.at, &pageRead{budget: s.textBudget.Load(), headLeft: headBytes}
	ix, err := s.scanInto(ctx, d, &at, first, true)
	if err == nil && (first.Number == 0 || first.Part == 0) {
		first.release() // past the last page or part: readIndexed says which to show
		first = nil
	}
	if err != nil || ix.pageCount() == 0 {
		b.err = err
		return
	}
	ix.version = keyVersion(key)
	s.pageIndexes.put(key, d.SHA256, ix)
	b.ix = ix
}

// Close ends the page indexes being built and waits for them to end;
// the service builds none after it.
func (s *Service) Close() {
	s.buildMu.Lock()
	s.stop()
	s.buildMu.Unlock()
	s.building.Wait()
}

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
}

// buildIndex is the page index of d's text that key names, built by
// reading the text through once for all the views that ask at once, no
// more than indexBuilds at once; a build ends when the last view waiting
// for it leaves, when it takes indexBuildTimeout or when the service is
// closed. A panic while building is the views' error, not the server's
// end.
func (s *Service) buildIndex(ctx context.Context, d *catalog.Document, key string) (*pageIndex, error) {
	s.buildMu.Lock()
	if s.life.Err() != nil {
		s.buildMu.Unlock()
		return nil, fmt.Errorf("page index: %w", context.Canceled)
	}
	b, ok := s.builds[key]
	if !ok {
		bctx, cancel := context.WithTimeout(s.life, indexBuildTimeout)
		b = &indexBuild{done: make(chan struct{}), cancel: cancel}
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
		return b.ix, b.err
	case <-ctx.Done():
		s.buildMu.Lock()
		if b.waiters--; b.waiters == 0 {
			b.cancel()
			if s.builds[key] == b {
				delete(s.builds, key)
			}
		}
		s.buildMu.Unlock()
		return nil, ctx.Err()
	}
}

// runBuild builds b, the page index of d's text that key names.
func (s *Service) runBuild(ctx context.Context, b *indexBuild, d *catalog.Document, key string) {
	defer s.building.Done()
	defer func() {
		if p := recover(); p != nil {
			slog.Error("page index: panic", "document", d.ID, "panic", p, "stack", string(debug.Stack()))
			b.ix, b.err = nil, fmt.Errorf("page index of %s: panic: %v", d.ID, p)
		}
		s.buildMu.Lock()
		if s.builds[key] == b {
			delete(s.builds, key)
		}
		s.buildMu.Unlock()
		b.cancel()
		close(b.done)
	}()
	select {
	case s.buildSlots <- struct{}{}:
		defer func() { <-s.buildSlots }()
	case <-ctx.Done():
		b.err = fmt.Errorf("page index of %s: %w", d.ID, ctx.Err())
		return
	}
	if ix := s.pageIndexes.get(key); ix != nil {
		b.ix = ix // built while this build waited its turn
		return
	}
	_, ix, err := s.scanPages(ctx, d, nil)
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

package ingest

import (
	"context"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// readersFresh is how long the admin page shows a check of the readers'
// programs before running it again: each check starts every program
// (tesseract --list-langs …) with up to ten seconds each, which a page
// view should not pay, while an administrator who just installed one sees
// it within a minute.
const readersFresh = time.Minute

// readerList remembers the last check of the readers' programs for
// readersFresh. Views of a stale list share one check, each waiting for
// it only as long as its own request lasts.
type readerList struct {
	check func(ctx context.Context) []extract.Reader // extract.Readers; tests count calls

	mu       sync.Mutex
	at       time.Time
	list     []extract.Reader
	checking chan struct{} // closed when the check under way ends; nil when none is
}

func (r *readerList) get(ctx context.Context, now time.Time) []extract.Reader {
	r.mu.Lock()
	if r.list != nil && now.Sub(r.at) < readersFresh {
		list := r.list
		r.mu.Unlock()
		return list
	}
	done := r.checking
	if done == nil {
		done = make(chan struct{})
		r.checking = done
		// The check is the list's, not the viewer's: it runs to its own
		// limits (ten seconds a program) whoever leaves, so the next view
		// finds it done.
		go r.run(now, done)
	}
	r.mu.Unlock()
	select {
	case <-done:
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.list
	case <-ctx.Done():
		return nil
	}
}

func (r *readerList) run(now time.Time, done chan struct{}) {
	check := r.check
	if check == nil {
		check = extract.Readers
	}
	list := check(context.Background())
	r.mu.Lock()
	r.list, r.at, r.checking = list, now, nil
	r.mu.Unlock()
	close(done)
}

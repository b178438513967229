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
// readersFresh. Concurrent views of a stale list wait for one check.
type readerList struct {
	check func(ctx context.Context) []extract.Reader // extract.Readers; tests count calls

	mu   sync.Mutex
	at   time.Time
	list []extract.Reader
}

func (r *readerList) get(ctx context.Context, now time.Time) []extract.Reader {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.list != nil && now.Sub(r.at) < readersFresh {
		return r.list
	}
	check := r.check
	if check == nil {
		check = extract.Readers
	}
	list := check(ctx)
	// A check cut short by the viewer leaving reports programs as missing
	// that are not: it is shown to that viewer, not remembered.
	if ctx.Err() == nil {
		r.list, r.at = list, now
	}
	return list
}

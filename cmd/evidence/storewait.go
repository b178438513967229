package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// defaultStoreWait is how long a maintenance command waits for documents
// that the object store or the catalog keeps from being read before it
// gives up (EVIDENCE_STORE_WAIT): long enough for a restart of the store,
// short enough that a command run by hand or by cron does not wait for
// ever, as the pipeline of a server rightly does.
const defaultStoreWait = time.Minute

// storeWatch follows the pipeline of a command that waits for documents:
// for each document the store or the catalog holds up, since when, and
// when and why it last failed. Only a document that failed again past the
// patience counts: one waiting in the queue behind long work (OCR, the
// upload of a big text) after a blip, or held up by this server's own
// memory budget (which the pipeline does not report), has said nothing
// about the store since.
type storeWatch struct {
	patience time.Duration
	mu       sync.Mutex
	held     map[string]*hold // by document id
	// ended is whether wait was ended by the store, not by wait's own error.
	ended bool
}

// endedWait is whether the last wait ended because the store stayed down.
func (w *storeWatch) endedWait() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ended
}

// hold is one document the store or the catalog holds up.
type hold struct {
	since, last time.Time
	err         error
}

// newStoreWatch reads the patience from EVIDENCE_STORE_WAIT.
func newStoreWatch() (*storeWatch, error) {
	d, err := durationFromEnv("EVIDENCE_STORE_WAIT")
	if err != nil {
		return nil, err
	}
	if d == 0 {
		d = defaultStoreWait
	}
	return &storeWatch{patience: d}, nil
}

// config is cfg with the watch told of what the pipeline meets.
func (w *storeWatch) config(cfg ingest.Config) ingest.Config {
	cfg.OnUnavailable = w.unavailable
	cfg.OnDone = func(d *catalog.Document) { w.unavailable(d.ID, nil) }
	return cfg
}

// unavailable notes that the store or the catalog failed document id
// (err), or, with err nil, that it got past where they did.
func (w *storeWatch) unavailable(id string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil {
		delete(w.held, id)
		return
	}
	if w.held == nil {
		w.held = map[string]*hold{}
	}
	now := time.Now()
	h := w.held[id]
	if h == nil {
		h = &hold{since: now}
		w.held[id] = h
	}
	h.last, h.err = now, err
}

// stuck is the store's error once it has failed a document again after
// holding it up for longer than the patience; nil before.
func (w *storeWatch) stuck() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, h := range w.held {
		if h.last.Sub(h.since) > w.patience {
			return h.err
		}
	}
	return nil
}

// wait runs wait (ingest.Service.Wait) and ends it when the store has
// kept a document waiting for longer than the patience: what is left
// stays stored, for serve to read once the store is back, and the error
// says so, with the store's own message.
func (w *storeWatch) wait(ctx context.Context, wait func(context.Context) error) error {
	wctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	done := make(chan struct{})
	defer close(done)
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if err := w.stuck(); err != nil {
					cancel(err)
					return
				}
			}
		}
	}()
	err := wait(wctx)
	if cause := context.Cause(wctx); err != nil && ctx.Err() == nil && cause != nil && cause != context.Canceled {
		w.mu.Lock()
		w.ended = true
		w.mu.Unlock()
		minutes := catalog.Words{Chinese: formatWait(w.patience, false), English: formatWait(w.patience, true)}
		return failedTo(catalog.Words{
			Chinese: fmt.Sprintf("已等候 %s，存储仍不可用，尚未处理完的文档留待恢复后由 evidence serve 继续处理：", minutes.Chinese),
			English: fmt.Sprintf("the store has been unavailable for %s; the documents not yet done are left for evidence serve to finish once it is back: ", minutes.English),
		}, cause)
	}
	return err
}

// formatWait is d for a person: 1 分钟, 90 秒.
func formatWait(d time.Duration, english bool) string {
	switch {
	case d%time.Minute == 0 && english:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	case d%time.Minute == 0:
		return fmt.Sprintf("%d 分钟", int(d/time.Minute))
	}
	secs := max(1, int(d.Round(time.Second)/time.Second)) // never "0 秒"
	if english {
		return fmt.Sprintf("%d s", secs)
	}
	return fmt.Sprintf("%d 秒", secs)
}

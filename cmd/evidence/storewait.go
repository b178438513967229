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
// since when the store has kept them waiting (EUNAVAILABLE), with no
// document finished since, and why.
type storeWatch struct {
	patience time.Duration
	mu       sync.Mutex
	since    time.Time // zero while documents finish
	err      error
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
	cfg.OnUnavailable = func(_ string, err error) {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.since.IsZero() {
			w.since = time.Now()
		}
		w.err = err
	}
	cfg.OnDone = func(*catalog.Document) {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.since, w.err = time.Time{}, nil
	}
	return cfg
}

// stuck is the store's error once it has kept the documents waiting for
// longer than the patience; nil before.
func (w *storeWatch) stuck() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil && time.Since(w.since) > w.patience {
		return w.err
	}
	return nil
}

// wait runs wait (ingest.Service.Wait) and ends it when the store has
// kept the documents waiting for longer than the patience: what is left
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
		minutes := catalog.Words{Chinese: formatWait(w.patience, false), English: formatWait(w.patience, true)}
		return failedTo(catalog.Words{
			Chinese: fmt.Sprintf("已等候 %s,存储仍不可用,尚未处理完的文档留待恢复后由 evidence serve 继续处理:", minutes.Chinese),
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
	case english:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	}
	return fmt.Sprintf("%d 秒", int(d.Round(time.Second)/time.Second))
}

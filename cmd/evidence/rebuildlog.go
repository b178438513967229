package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// rebuildReportEvery is how often serve logs the progress of an index it
// rebuilds in the background.
var rebuildReportEvery = 15 * time.Second

// docCounter is the index as reportRebuild sees it.
type docCounter interface {
	Count() (uint64, error)
}

// reportRebuild logs, every interval while serve rebuilds an index it
// found of an older format or damaged, how many documents the new index
// holds and how many are left, and once none is left, that searches find
// every document again, and calls done. An operator who upgraded sees the rebuild advance
// and end, instead of one line at its start and searches that quietly
// find less until it is done. The count is the index's own: the catalog
// still calls documents indexed until start-up's reconciliation, which
// runs beside this, queues them again.
func reportRebuild(ctx context.Context, cat *catalog.Store, idx docCounter, log *slog.Logger, every time.Duration, done func()) {
	start := time.Now()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		counts, err := cat.CountByStatus(ctx)
		var inIndex uint64
		if err == nil {
			inIndex, err = idx.Count()
		}
		unfinished := counts[catalog.StatusStored] + counts[catalog.StatusExtracted]
		left := max(counts[catalog.StatusIndexed]+unfinished-int(inIndex), unfinished)
		switch {
		case err != nil && ctx.Err() != nil:
			return
		case err != nil:
			log.Warn("count documents for the index rebuild", "err", err)
		case left <= 0:
			log.Info("index rebuilt: searches find every document again",
				"indexed", inIndex, "took", time.Since(start).Round(time.Second))
			done()
			return
		default:
			log.Info("rebuilding the index: searches find only the documents indexed so far",
				"indexed", inIndex, "left", left)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

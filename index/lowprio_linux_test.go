package index

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// TestIndexingWhileASearchRunsIsLowPriorityWork: with a search running,
// the analysis of the documents indexed and the building of their segment
// are handed to the low-priority thread (internal/lowprio), and a query's
// own analysis is not.
func TestIndexingWhileASearchRunsIsLowPriorityWork(t *testing.T) {
	if !lowprio.Start() {
		t.Fatal("the low-priority thread did not get its priority")
	}
	idx, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	searching := lowprio.Foreground()
	before := lowprio.Handed()
	if err := idx.Index(ctx, corpus); err != nil {
		t.Fatal(err)
	}
	// Each document's text fields by gse and by pairs, and the segment.
	if handed := lowprio.Handed() - before; handed < int64(2*len(corpus)+1) {
		t.Errorf("indexing %d documents while a search ran handed %d pieces of work to the low-priority thread, want at least %d",
			len(corpus), handed, 2*len(corpus)+1)
	}
	before = lowprio.Handed()
	res, err := idx.Search(ctx, Query{Clauses: terms("学分银行"), Size: 10})
	searching()
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); len(got) != 1 || got[0] != "bank" {
		t.Errorf("学分银行 found %v, want [bank]", got)
	}
	if handed := lowprio.Handed() - before; handed != 0 {
		t.Errorf("a search handed %d pieces of its own work to the low-priority thread, want none", handed)
	}
}

func segmentBuildPanics() { panic("段构建出错") }

// TestAPanicInLowPriorityWorkIsReportedByItsValue: a write whose work,
// handed to the low-priority thread, panicked makes the index unusable
// with an error that says the panic's value, and logs the stack that
// raised it. The error held the whole stack (a *lowprio.HandedPanic's
// text), answered to every call and shown to admins (review s59, low).
func TestAPanicInLowPriorityWorkIsReportedByItsValue(t *testing.T) {
	if !lowprio.Start() {
		t.Fatal("the low-priority thread did not get its priority")
	}
	var log bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	idx, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	searching := lowprio.Foreground()
	defer searching()
	err = idx.guarded(true, func() error {
		lowprio.Run(segmentBuildPanics)
		return nil
	})
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(err.Error(), "段构建出错") {
		t.Fatalf("a write whose handed work panicked: %v, want EUNAVAILABLE saying the panic", err)
	}
	unusable := idx.Unusable()
	for _, e := range []error{err, unusable} {
		if strings.Contains(e.Error(), "segmentBuildPanics") || strings.Contains(e.Error(), "goroutine") {
			t.Errorf("the index's error holds the panic's stack:\n%v", e)
		}
	}
	if !strings.Contains(log.String(), "segmentBuildPanics") {
		t.Errorf("the log does not hold the stack that raised the panic:\n%s", log.String())
	}
}

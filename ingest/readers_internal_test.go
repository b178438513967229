package ingest

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestReadersAreCheckedOnceAMinute: views of the admin page within a
// minute run the programs' checks once; a view after that minute checks
// again (an administrator who installed tesseract sees it).
func TestReadersAreCheckedOnceAMinute(t *testing.T) {
	var checks atomic.Int32
	var installed atomic.Bool
	r := &readerList{check: func(ctx context.Context) []extract.Reader {
		checks.Add(1)
		return []extract.Reader{{Program: "tesseract", Available: installed.Load()}}
	}}
	start := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	for i := range 5 {
		r.get(context.Background(), start.Add(time.Duration(i)*time.Second))
	}
	if n := checks.Load(); n != 1 {
		t.Errorf("five views in five seconds ran %d checks, want 1", n)
	}
	installed.Store(true)
	if got := r.get(context.Background(), start.Add(readersFresh+time.Second)); len(got) != 1 || !got[0].Available || checks.Load() != 2 {
		t.Errorf("a view after a minute: %d checks, list %+v; want a second check that finds tesseract", checks.Load(), got)
	}
}

// TestAViewLeavesASlowCheckRunning: a view whose request ends while a
// program hangs in its check gets no list and does not wait; the check
// goes on to its end, and the next view shares it rather than starting
// another, then has its result.
func TestAViewLeavesASlowCheckRunning(t *testing.T) {
	var checks atomic.Int32
	release := make(chan struct{})
	r := &readerList{check: func(ctx context.Context) []extract.Reader {
		checks.Add(1)
		<-release
		return []extract.Reader{{Program: "tesseract", Available: true}}
	}}
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if got := r.get(gone, now); got != nil {
		t.Errorf("a view gone while the check hangs got %+v, want nothing", got)
	}
	next := make(chan []extract.Reader)
	go func() { next <- r.get(context.Background(), now.Add(time.Second)) }()
	close(release)
	if got := <-next; len(got) != 1 || !got[0].Available {
		t.Errorf("the next view got %+v, want the check's list", got)
	}
	if n := checks.Load(); n != 1 {
		t.Errorf("%d checks ran, want the one the first view started", n)
	}
}

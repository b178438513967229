package ingest

import (
	"context"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestReadersAreCheckedOnceAMinute: views of the admin page within a
// minute run the programs' checks once; a view after that minute checks
// again (an administrator who installed tesseract sees it), and a check
// cut short by its viewer leaving is not remembered.
func TestReadersAreCheckedOnceAMinute(t *testing.T) {
	checks := 0
	installed := false
	r := &readerList{check: func(ctx context.Context) []extract.Reader {
		checks++
		return []extract.Reader{{Program: "tesseract", Available: installed && ctx.Err() == nil}}
	}}
	start := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	for i := range 5 {
		r.get(context.Background(), start.Add(time.Duration(i)*time.Second))
	}
	if checks != 1 {
		t.Errorf("five views in five seconds ran %d checks, want 1", checks)
	}
	installed = true
	if got := r.get(context.Background(), start.Add(readersFresh+time.Second)); !got[0].Available || checks != 2 {
		t.Errorf("a view after a minute: %d checks, tesseract available %v; want a second check that finds it", checks, got[0].Available)
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	r.get(gone, start.Add(3*readersFresh))
	if got := r.get(context.Background(), start.Add(3*readersFresh+time.Second)); !got[0].Available || checks != 4 {
		t.Errorf("after a check cut short: %d checks, tesseract available %v; want it checked again and found", checks, got[0].Available)
	}
}

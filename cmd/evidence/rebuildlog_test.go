package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// syncBuffer is a bytes.Buffer a logger may write while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// countingIndex is an index of n documents.
type countingIndex struct{ n atomic.Uint64 }

func (c *countingIndex) Count() (uint64, error) { return c.n.Load(), nil }

// While serve rebuilds an index, the log says every interval how many
// documents the new index holds and how many are left, counting those the
// catalog still calls indexed before reconciliation queues them again,
// then that the rebuild is done, and the report stops.
func TestRebuildProgressIsLoggedToTheEnd(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	cat, err := catalog.Open(t.Context(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	var waiting []catalog.StatusChange
	for _, id := range ids {
		waiting = append(waiting, catalog.StatusChange{ID: id, Status: catalog.StatusExtracted})
	}
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	done := make(chan struct{})
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	idx := &countingIndex{}
	var rebuilt atomic.Bool
	go func() {
		defer close(done)
		reportRebuild(ctx, cat, idx, log, 20*time.Millisecond, func() { rebuilt.Store(true) })
	}()

	// The new index is empty and the catalog not yet reconciled.
	for !strings.Contains(buf.String(), "indexed=0 left=3") && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	// Reconciliation queues two; one is indexed.
	if err := cat.SetStatus(t.Context(), waiting[1:]...); err != nil {
		t.Fatal(err)
	}
	idx.n.Store(1)
	for !strings.Contains(buf.String(), "indexed=1 left=2") && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	idx.n.Store(3)
	for i := range waiting[1:] {
		waiting[1+i].Status = catalog.StatusIndexed
	}
	if err := cat.SetStatus(t.Context(), waiting[1:]...); err != nil {
		t.Fatal(err)
	}
	<-done
	out := buf.String()
	for _, want := range []string{"rebuilding the index", "indexed=0 left=3", "indexed=1 left=2", "index rebuilt", "indexed=3"} {
		if !strings.Contains(out, want) {
			t.Errorf("the rebuild's log lacks %q:\n%s", want, out)
		}
	}
	if ctx.Err() != nil || !rebuilt.Load() {
		t.Errorf("the report did not end (or say it had) when every document was indexed:\n%s", out)
	}
}

// A serve stopped before its rebuild ended finds, on its next start, the
// index half built but of the current format: the marker beside it still
// says the rebuild goes on, so the next serve says so too; without the
// marker an index is whole.
func TestRestartedServeKnowsTheRebuildGoesOn(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ingestFixtures(t, data)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, marked := range []bool{false, true} {
		if marked {
			if err := os.WriteFile(rebuildMarker(filepath.Join(data, "index")), []byte("damaged\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		a, err := openApp(t.Context(), data, quiet, appOptions{withIndex: true, rebuildOldIndex: true, existing: true})
		if err != nil {
			t.Fatal(err)
		}
		if a.rebuilding != marked {
			t.Errorf("marker %v: rebuilding %v", marked, a.rebuilding)
		}
		a.close()
	}
}

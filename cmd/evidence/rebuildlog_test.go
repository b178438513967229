package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
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

// While serve rebuilds an index, the log says every interval how many
// documents are indexed and how many are left, and then that the rebuild
// is done, and the report stops.
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
	if err := cat.SetStatus(t.Context(), waiting[1:]...); err != nil {
		t.Fatal(err)
	}
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	done := make(chan struct{})
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	go func() { defer close(done); reportRebuild(ctx, cat, log, 20*time.Millisecond) }()

	for !strings.Contains(buf.String(), "left=2") && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	for i := range waiting[1:] {
		waiting[1+i].Status = catalog.StatusIndexed
	}
	if err := cat.SetStatus(t.Context(), waiting[1:]...); err != nil {
		t.Fatal(err)
	}
	<-done
	out := buf.String()
	for _, want := range []string{"rebuilding the index", "indexed=1 left=2", "index rebuilt", "indexed=3"} {
		if !strings.Contains(out, want) {
			t.Errorf("the rebuild's log lacks %q:\n%s", want, out)
		}
	}
	if ctx.Err() != nil {
		t.Errorf("the report did not end when every document was indexed:\n%s", out)
	}
}

package logwriter

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// gatedWriter blocks every write until the gate is opened, as a file or
// a pipe to the journal can.
type gatedWriter struct {
	gate chan struct{}
	mu   sync.Mutex
	buf  bytes.Buffer
}

func (g *gatedWriter) Write(p []byte) (int, error) {
	<-g.gate
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.buf.Write(p)
}

func TestWriteDoesNotWaitForTheUnderlyingWrite(t *testing.T) {
	out := &gatedWriter{gate: make(chan struct{})}
	w := New(out)
	wrote := make(chan struct{})
	go func() {
		for i := range 100 {
			fmt.Fprintf(w, "请求 %d 已完成\n", i)
		}
		close(wrote)
	}()
	select {
	case <-wrote:
	case <-time.After(5 * time.Second):
		t.Fatal("a log line waited for the underlying writer")
	}
	close(out.gate)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.buf.String(), "\n"), "\n")
	if len(lines) != 100 {
		t.Fatalf("%d lines written after Close, want 100:\n%s", len(lines), out.buf.String())
	}
	for i, l := range lines {
		if want := fmt.Sprintf("请求 %d 已完成", i); l != want {
			t.Fatalf("line %d %q, want %q (in order)", i, l, want)
		}
	}
}

func TestWriteWaitsWhenTooMuchIsPending(t *testing.T) {
	out := &gatedWriter{gate: make(chan struct{})}
	w := New(out)
	line := bytes.Repeat([]byte("佐"), 1000)
	wrote := make(chan int)
	go func() {
		n := 0
		for n*len(line) < 3*maxPending {
			w.Write(line)
			n++
		}
		wrote <- n
	}()
	select {
	case <-wrote:
		t.Fatal("wrote three times the bound while nothing was written out")
	case <-time.After(200 * time.Millisecond):
	}
	close(out.gate)
	n := <-wrote
	w.Close()
	if out.buf.Len() != n*len(line) {
		t.Errorf("%d bytes written, want %d", out.buf.Len(), n*len(line))
	}
}

func TestWriteAfterCloseGoesStraightThrough(t *testing.T) {
	var out bytes.Buffer
	w := New(&out)
	w.Write([]byte("前\n"))
	w.Close()
	w.Write([]byte("后\n"))
	if out.String() != "前\n后\n" {
		t.Errorf("written %q", out.String())
	}
}

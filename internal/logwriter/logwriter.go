// Package logwriter writes a server's log lines from a goroutine of its
// own, so that a request that logs never waits for the write.
//
// slog's handlers hold a lock while they write a line. When the write is
// a system call (a file, a pipe to the journal) the goroutine in it can
// lose its thread, and then waits in the scheduler's queue still holding
// the lock, while every other request that ends queues behind it: under
// make load the request log's lock was a third of serve's lock waits
// (bench/README.md, s56-searchtail). Here a line is copied into a buffer
// under a lock held for the copy alone; one goroutine writes the buffer.
package logwriter

import (
	"io"
	"sync"
)

// maxPending is how many bytes may wait to be written; a line written
// when this many wait blocks until the writer has caught up, so memory
// stays bounded and no line is dropped.
const maxPending = 1 << 20

// Writer is an io.Writer whose writes return once the bytes are kept;
// they reach the underlying writer in order, soon after.
type Writer struct {
	out io.Writer

	mu      sync.Mutex
	room    *sync.Cond // signalled when the pending bytes were taken
	pending []byte
	wake    chan struct{} // one token: there are pending bytes
	closed  bool
	done    chan struct{} // closed when the writing goroutine ended
}

// New starts a Writer for out; Close writes what is pending and stops it.
func New(out io.Writer) *Writer {
	w := &Writer{out: out, wake: make(chan struct{}, 1), done: make(chan struct{})}
	w.room = sync.NewCond(&w.mu)
	go w.run()
	return w
}

// Write keeps a copy of p for the writing goroutine. After Close it
// writes p itself.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return w.out.Write(p)
	}
	for len(w.pending) >= maxPending && !w.closed {
		w.room.Wait()
	}
	if w.closed {
		w.mu.Unlock()
		return w.out.Write(p)
	}
	w.pending = append(w.pending, p...)
	select {
	case w.wake <- struct{}{}:
	default:
	}
	w.mu.Unlock()
	return len(p), nil
}

// run writes the pending bytes whenever there are some, until Close.
func (w *Writer) run() {
	defer close(w.done)
	var writing []byte
	for range w.wake {
		w.mu.Lock()
		writing, w.pending = w.pending, writing[:0]
		w.room.Broadcast()
		w.mu.Unlock()
		if len(writing) > 0 {
			w.out.Write(writing)
		}
	}
	// Closed: what was kept after the last take.
	w.mu.Lock()
	rest := w.pending
	w.pending = nil
	w.mu.Unlock()
	if len(rest) > 0 {
		w.out.Write(rest)
	}
}

// Close writes every line kept so far and returns once they are written;
// later writes go straight to the underlying writer.
func (w *Writer) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		<-w.done
		return nil
	}
	w.closed = true
	close(w.wake)
	w.room.Broadcast()
	w.mu.Unlock()
	<-w.done
	return nil
}

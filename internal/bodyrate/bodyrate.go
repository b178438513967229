// Package bodyrate cuts a request body that stops moving: a client that
// sends the headers of an upload and then a byte every few seconds, or
// half of a body and then nothing, would otherwise hold a goroutine, a
// socket and a temporary file for as long as it liked, and a few
// thousand of them ran the server out of file descriptors.
//
// The policy is a minimum transfer per window, not a deadline for the
// whole body: each Window must bring at least MinBytes (the read
// deadline moves on each time it does), so a 100 MB upload on a poor but
// moving line takes as long as it needs, while a body that brings less
// than MinBytes in a Window is cut and answered 400 with a Chinese reason.
// Only the time the server waits for the client counts: its own work
// between reads does not use up the window.
package bodyrate

import (
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// Policy is the least a request body must bring: MinBytes per Window.
type Policy struct {
	Window   time.Duration
	MinBytes int64
}

// Default is the server's policy: 16 KiB a minute (about 270 bytes a
// second), far below any line that can upload a file at all.
var Default = Policy{Window: time.Minute, MinBytes: 16 << 10}

// Handler serves next with every request body held to p. It must wrap the
// server's own ResponseWriter (or one that unwraps to it), whose
// connection's read deadline it moves.
func Handler(next http.Handler, p Policy) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
			next.ServeHTTP(w, r)
			return
		}
		rc := http.NewResponseController(w)
		if err := rc.SetReadDeadline(time.Now().Add(p.Window)); err != nil {
			next.ServeHTTP(w, r) // a connection without deadlines (a test's recorder)
			return
		}
		body := &body{ReadCloser: r.Body, rc: rc, header: w.Header(), p: p}
		r.Body = body
		next.ServeHTTP(w, r)
		if !body.stalled {
			rc.SetReadDeadline(time.Time{})
		}
	})
}

// body is a request body whose connection's read deadline moves on each
// time MinBytes have come since it last moved.
type body struct {
	io.ReadCloser
	rc       *http.ResponseController
	header   http.Header
	p        Policy
	stalled  bool
	waited   time.Duration // spent waiting in Read since the window began
	inWindow int64
}

func (b *body) Read(p []byte) (int, error) {
	// Only the time spent waiting here counts against the client: the
	// server's own work between reads (unpacking a ZIP, waiting for a busy
	// catalog, an fsync) must not cut a good upload. So the deadline is
	// set anew before each read, to what is left of the window.
	start := time.Now()
	b.rc.SetReadDeadline(start.Add(b.p.Window - b.waited))
	n, err := b.ReadCloser.Read(p)
	b.waited += time.Since(start)
	b.inWindow += int64(n)
	if b.inWindow >= b.p.MinBytes {
		b.waited, b.inWindow = 0, 0
	}
	if err == io.EOF {
		b.rc.SetReadDeadline(time.Time{})
	}
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		b.stalled = true
		b.header.Set("Connection", "close")
		return n, Stalled(b.p)
	}
	return n, err
}

// Stalled is the error of a body cut under p: the sender's fault (400),
// saying what to do.
func Stalled(p Policy) error {
	return catalog.Errorf(catalog.EINVALID,
		"上传中止：连续 %d 秒收到的数据不足 %d KiB（网络过慢或已中断），文件未保存；请在网络通畅时重新上传",
		int(p.Window/time.Second), p.MinBytes>>10)
}

// Package faultproxy forwards a loopback port to a server and breaks the
// way between them on a test's command, as a network or a service fails:
// the port closed and every connection cut (Down, then Up again; or
// DownAfterUploads, half-way through a command's work), or the
// service hung, taking connections and bytes and answering nothing
// (Stall, StallUploadsAfter, then Resume). Tests of the S3 store and the PostgreSQL
// catalog use it against the real servers.
package faultproxy

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// Proxy forwards Addr to a target server.
type Proxy struct {
	Addr   string
	target string

	stalled atomic.Bool
	// upstream, when not negative, is how many more bytes from clients are
	// passed on before the requests stall (answers still come).
	upstream atomic.Int64
	// downAfter, when not negative, is how many more bytes from clients
	// are passed on before the proxy goes Down.
	downAfter atomic.Int64
	uploaded  atomic.Int64  // bytes from clients passed on, in all
	release   chan struct{} // closed at the end of the test: held copies end

	mu    sync.Mutex
	ln    net.Listener
	conns []net.Conn
}

// Start forwards a new loopback port to target (host:port) until the test
// ends.
func Start(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Addr: ln.Addr().String(), target: target, release: make(chan struct{})}
	p.upstream.Store(-1)
	p.downAfter.Store(-1)
	p.serve(ln)
	t.Cleanup(func() {
		close(p.release)
		p.Down()
	})
	return p
}

// Down closes the port and cuts every connection through it.
func (p *Proxy) Down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// Up opens the same port again after Down, and disarms DownAfterUploads:
// a cut a run did not reach does not fall on a later one.
func (p *Proxy) Up(t testing.TB) {
	t.Helper()
	p.downAfter.Store(-1)
	ln, err := net.Listen("tcp", p.Addr)
	if err != nil {
		t.Fatal(err)
	}
	p.serve(ln)
}

// Stall makes the proxy a hung service from now on: it takes connections
// and bytes and forwards nothing.
func (p *Proxy) Stall() { p.stalled.Store(true) }

// StallUploadsAfter lets n more bytes of requests through, then none;
// answers still come.
func (p *Proxy) StallUploadsAfter(n int64) { p.upstream.Store(n) }

// DownAfterUploads lets at most n more bytes of requests through, then
// goes Down as the next ones come (a read that would take it past n is
// not passed on): a service that goes away in the middle of a command's
// work, at the same point of it every run. Up and Resume disarm it.
func (p *Proxy) DownAfterUploads(n int64) { p.downAfter.Store(n) }

// Uploaded is how many bytes of requests the proxy has passed on so far:
// what a run of a command sends, measured once, tells where to cut the
// next run (DownAfterUploads).
func (p *Proxy) Uploaded() int64 { return p.uploaded.Load() }

// Resume forwards again what new connections send, after Stall or
// StallUploadsAfter; connections already held stay held until Down. It
// disarms DownAfterUploads too.
func (p *Proxy) Resume() {
	p.stalled.Store(false)
	p.upstream.Store(-1)
	p.downAfter.Store(-1)
}

// cutDue takes n bytes of requests from what DownAfterUploads lets
// through and reports whether they go past it: then the cut is disarmed,
// and the caller, the only one told, goes Down.
func (p *Proxy) cutDue(n int64) bool {
	for {
		left := p.downAfter.Load()
		switch {
		case left < 0:
			return false
		case left >= n:
			if p.downAfter.CompareAndSwap(left, left-n) {
				return false
			}
		case p.downAfter.CompareAndSwap(left, -1):
			return true
		}
	}
}

func (p *Proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go p.pipe(s, c, true)
			go p.pipe(c, s, false)
		}
	}()
}

// pipe copies src to dst until either ends or the proxy stalls; a stalled
// copy holds what it read and reads no more, so the sender's writes back
// up as they would behind a hung service.
func (p *Proxy) pipe(dst, src net.Conn, upstream bool) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if p.stalled.Load() || upstream && p.upstream.Load() >= 0 && p.upstream.Add(-int64(n)) < 0 {
				<-p.release
				return
			}
			if upstream && p.cutDue(int64(n)) {
				p.Down()
				return
			}
			if upstream {
				p.uploaded.Add(int64(n))
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				src.Close()
				return
			}
		}
		if err != nil {
			dst.Close()
			return
		}
	}
}

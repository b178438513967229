package faultproxy

import (
	"io"
	"net"
	"testing"
	"time"
)

// sink is a server that reads and drops whatever it is sent.
func sink(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go io.Copy(io.Discard, c)
		}
	}()
	return ln.Addr().String()
}

// uploadedReaches waits until the proxy has passed on n bytes in all,
// and reports whether it did (false once it stopped short for long).
func uploadedReaches(p *Proxy, n int64) bool {
	for range 1000 {
		if got := p.Uploaded(); got >= n {
			return got == n
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// TestDownAfterUploads: the cut lets at most n bytes through, then takes
// the port down; a cut the run did not reach is disarmed by Down and Up
// (or Resume), and does not fall on a later run's traffic.
func TestDownAfterUploads(t *testing.T) {
	for _, tt := range []struct {
		name   string
		reopen func(p *Proxy)
	}{
		{"Down, then Up", func(p *Proxy) { p.Down(); p.Up(t) }},
		{"Resume", func(p *Proxy) { p.Resume() }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := Start(t, sink(t))
			p.DownAfterUploads(1000)
			c, err := net.Dial("tcp", p.Addr)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Write(make([]byte, 10)); err != nil { // less than the cut
				t.Fatal(err)
			}
			if !uploadedReaches(p, 10) {
				t.Fatalf("passed on %d bytes, want 10", p.Uploaded())
			}
			c.Close()
			tt.reopen(p)
			c2, err := net.Dial("tcp", p.Addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c2.Close()
			if _, err := c2.Write(make([]byte, 2000)); err != nil {
				t.Fatal(err)
			}
			if !uploadedReaches(p, 2010) {
				t.Errorf("a later run's 2000 bytes: passed on %d in all, want 2010: the old cut fell on it", p.Uploaded())
			}
		})
	}

	p := Start(t, sink(t))
	p.DownAfterUploads(100)
	c, err := net.Dial("tcp", p.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write(make([]byte, 500)) // past the cut: not passed on, and the port goes down
	for range 1000 {
		if _, err := net.Dial("tcp", p.Addr); err != nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := net.Dial("tcp", p.Addr); err == nil {
		t.Errorf("past the cut the port is still open")
	}
	if got := p.Uploaded(); got > 100 {
		t.Errorf("passed on %d bytes, want at most 100", got)
	}
}

package blob_test

import (
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// TestS3StalledServerIsUnavailable: a service that takes requests and
// then says nothing (a hung gateway, a black-holed route) is reported
// unavailable within bounded time, for an answer that never comes, for an
// object whose body stops half-way and for an upload the service stops
// taking; a reader's own pause between reads is not a stall.
func TestS3StalledServerIsUnavailable(t *testing.T) {
	restore := blob.SetS3Timeouts(time.Second, time.Second)
	defer restore()
	g, err := shared()
	if err != nil {
		requireGateway(t, err)
	}
	direct := config(g, newBucketName())
	store := newS3(t, direct) // creates the bucket and removes it at the end, bypassing the proxy
	big := bytes.Repeat([]byte("学分银行"), 32<<20/12)
	if err := store.Put(t.Context(), "originals/big", bytes.NewReader(big), int64(len(big)), "text/plain"); err != nil {
		t.Fatal(err)
	}

	proxy := startStallProxy(t, g.Addr)
	viaProxy := direct
	viaProxy.Endpoint = proxy.addr
	s, err := blob.NewS3(t.Context(), viaProxy)
	if err != nil {
		t.Fatalf("NewS3 through the proxy: %v", err)
	}
	body, err := s.Get(t.Context(), "originals/big")
	if err != nil {
		t.Fatalf("get before the stall: %v", err)
	}
	defer body.Close()
	chunk := make([]byte, 4096)
	if _, err := io.ReadFull(body, chunk); err != nil {
		t.Fatalf("first read: %v", err)
	}
	time.Sleep(1500 * time.Millisecond) // the reader's own pause, longer than the read timeout
	if _, err := io.ReadFull(body, chunk); err != nil {
		t.Fatalf("read after the reader paused (the service is fine): %v", err)
	}

	// An upload the service stops taking half-way, in one request (under
	// the part size) that the service has begun to read.
	upload := big[:15<<20]
	proxy.stallUploadsAfter(1 << 20)
	start := time.Now()
	err = s.Put(t.Context(), "originals/c", bytes.NewReader(upload), int64(len(upload)), "text/plain")
	wantStalled(t, "an upload the service stopped taking", err, time.Since(start))

	proxy.stall()
	start = time.Now()
	_, err = io.Copy(io.Discard, body)
	wantStalled(t, "reading an object whose body stopped", err, time.Since(start))

	calls := []struct {
		name string
		call func() error
	}{
		{"stat", func() error { _, err := s.Stat(t.Context(), "originals/big"); return err }},
		{"get", func() error { _, err := s.Get(t.Context(), "originals/big"); return err }},
		{"put", func() error {
			return s.Put(t.Context(), "originals/b", strings.NewReader("终身学习"), int64(len("终身学习")), "text/plain")
		}},
	}
	for _, c := range calls {
		start := time.Now()
		wantStalled(t, c.name+" on a stalled service", c.call(), time.Since(start))
	}
}

// wantStalled checks that err says the object store did not answer in
// time, and that it came within a bound of the shortened timeouts (with
// minio-go's three attempts and its pauses between them).
func wantStalled(t *testing.T, what string, err error, took time.Duration) {
	t.Helper()
	wantUnavailable(t, what, err)
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "超时") {
		t.Errorf("%s: message %q does not say the service did not answer in time", what, msg)
	}
	if took > 15*time.Second {
		t.Errorf("%s took %s with one-second timeouts", what, took.Round(time.Millisecond))
	}
	t.Logf("%s: %s after %s", what, catalog.ErrorMessage(err), took.Round(time.Millisecond))
}

// stallProxy forwards a loopback port to a server until stall; from then on
// it takes connections and bytes and forwards nothing, as a hung service
// does.
type stallProxy struct {
	addr    string
	stalled atomic.Bool
	// upstream, when not negative, is how many more bytes from clients are
	// passed on before the requests stall (answers still come).
	upstream atomic.Int64
	release  chan struct{} // closed at the end of the test: held copies end
	mu       sync.Mutex
	conns    []net.Conn
}

func startStallProxy(t *testing.T, target string) *stallProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{addr: ln.Addr().String(), release: make(chan struct{})}
	p.upstream.Store(-1)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
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
	t.Cleanup(func() {
		ln.Close()
		close(p.release)
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, c := range p.conns {
			c.Close()
		}
	})
	return p
}

func (p *stallProxy) stall() { p.stalled.Store(true) }

// stallUploadsAfter lets n more bytes of requests through, then none.
func (p *stallProxy) stallUploadsAfter(n int64) { p.upstream.Store(n) }

// pipe copies src to dst until either ends or the proxy stalls; a stalled
// copy holds what it read and reads no more, so the sender's writes back
// up as they would behind a hung service.
func (p *stallProxy) pipe(dst, src net.Conn, upstream bool) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if p.stalled.Load() || upstream && p.upstream.Load() >= 0 && p.upstream.Add(-int64(n)) < 0 {
				<-p.release
				return
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			dst.Close()
			return
		}
	}
}

package blob_test

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/faultproxy"
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

	proxy := faultproxy.Start(t, g.Addr)
	viaProxy := direct
	viaProxy.Endpoint = proxy.Addr
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
	proxy.StallUploadsAfter(1 << 20)
	start := time.Now()
	err = s.Put(t.Context(), "originals/c", bytes.NewReader(upload), int64(len(upload)), "text/plain")
	wantStalled(t, "an upload the service stopped taking", err, time.Since(start))

	proxy.Stall()
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
	// 30 s: a loaded machine's slack over the ≈ 5 s the shortened
	// timeouts take, short of the default ones' three attempts of 15 s
	// (responseTimeout) that would mean they were not used.
	if took > 30*time.Second {
		t.Errorf("%s took %s with one-second timeouts", what, took.Round(time.Millisecond))
	}
	t.Logf("%s: %s after %s", what, catalog.ErrorMessage(err), took.Round(time.Millisecond))
}

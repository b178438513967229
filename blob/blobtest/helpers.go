package blobtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

func put(t *testing.T, s blob.Store, key string, data []byte, contentType string) {
	t.Helper()
	if err := s.Put(t.Context(), key, bytes.NewReader(data), int64(len(data)), contentType); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

func get(t *testing.T, s blob.Store, key string) []byte {
	t.Helper()
	rc, err := s.Get(t.Context(), key)
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	return b
}

func wantInfo(t *testing.T, s blob.Store, want blob.Info) {
	t.Helper()
	got, err := s.Stat(t.Context(), want.Key)
	if err != nil {
		t.Fatalf("stat %s: %v", want.Key, err)
	}
	got.Version = "" // the store's own token: testVersion
	if got != want {
		t.Fatalf("stat %s: got %+v, want %+v", want.Key, got, want)
	}
}

func wantKeys(t *testing.T, s blob.Store, prefix string, want []string) {
	t.Helper()
	var got []string
	err := s.List(t.Context(), prefix, func(i blob.Info) error {
		got = append(got, i.Key)
		return nil
	})
	if err != nil {
		t.Fatalf("list %q: %v", prefix, err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("list %q: got %q, want %q (exactly these, in byte order)", prefix, got, want)
	}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := catalog.ErrorCode(err); got != code {
		t.Errorf("%s: got %v (code %q), want code %s", what, err, got, code)
		return
	}
	var ce *catalog.Error
	if !errors.As(err, &ce) || ce.Message == "" {
		t.Errorf("%s: %v has no user-facing message", what, err)
	}
}

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// diff describes how two payloads differ without printing megabytes.
func diff(got, want []byte) string {
	if len(got) != len(want) {
		return fmt.Sprintf("got %d bytes, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			return fmt.Sprintf("bytes differ first at offset %d of %d", i, len(got))
		}
	}
	return "equal"
}

// errReader is what failingReader returns, standing in for a client that
// disconnects half-way through an upload.
var errReader = errors.New("blobtest: reader failed on purpose")

// failingReader returns errReader after handing out after bytes.
type failingReader struct {
	r     io.Reader
	after int
	n     int
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n >= f.after {
		return 0, errReader
	}
	p = p[:min(len(p), f.after-f.n)]
	n, err := f.r.Read(p)
	f.n += n
	return n, err
}

// cancellingReader cancels the Put's context after handing out after bytes
// and then keeps going, as if nothing happened; the store must notice.
type cancellingReader struct {
	r      io.Reader
	after  int
	n      int
	cancel context.CancelFunc
}

func (c *cancellingReader) Read(p []byte) (int, error) {
	if c.n >= c.after {
		c.cancel()
	}
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

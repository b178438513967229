// Package blobtest is the conformance suite for blob.Store implementations.
// Every store runs the same tests, so the rest of the program can rely on
// the contract written on blob.Store rather than on one implementation.
package blobtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// Run runs the conformance suite. newStore must return an empty store that
// no other subtest uses; it may register cleanups on the t it is given.
func Run(t *testing.T, newStore func(t *testing.T) blob.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s blob.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Overwrite", testOverwrite},
		{"ConcurrentPut", testConcurrentPut},
		{"Missing", testMissing},
		{"Delete", testDelete},
		{"List", testList},
		{"ListStops", testListStops},
		{"InvalidKeys", testInvalidKeys},
		{"FailingReader", testFailingReader},
		{"SizeMismatch", testSizeMismatch},
		{"Cancel", testCancel},
		{"GetRange", testGetRange},
		{"Version", testVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newStore(t))
		})
	}
}

// chinese is a realistic payload: UTF-8 text as an extractor writes it.
const chinese = `{"extractor":"pdf","version":1,"pages":["杭州市学习型城市建设工作总结:社区学习共同体、学分银行与终身学习四级网络体系。","第二页:市民终身学习服务平台"]}`

func testRoundTrip(t *testing.T, s blob.Store) {
	big := randomBytes(t, 3<<20+17) // larger than a buffer, not a multiple of one
	tests := []struct {
		name        string
		data        []byte
		unknownSize bool
		contentType string
	}{
		{"empty", nil, false, "text/plain"},
		{"ascii", []byte("hello, archive\n"), false, "text/plain; charset=utf-8"},
		{"chinese", []byte(chinese), false, "application/json"},
		{"binary 3MiB", big, false, "application/pdf"},
		{"binary 3MiB unknown size", big, true, "application/pdf"},
		{"chinese unknown size", []byte(chinese), true, "application/json"},
		{"no content type", []byte("x"), false, ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := fmt.Sprintf("originals/%s-%d", sum(tt.data), i)
			size := int64(len(tt.data))
			if tt.unknownSize {
				size = -1
			}
			// A reader without WriterTo or Seek, like an upload body.
			r := struct{ io.Reader }{bytes.NewReader(tt.data)}
			if err := s.Put(t.Context(), key, r, size, tt.contentType); err != nil {
				t.Fatalf("put %s (%d bytes): %v", key, len(tt.data), err)
			}
			if got := get(t, s, key); !bytes.Equal(got, tt.data) {
				t.Fatalf("get %s: %s", key, diff(got, tt.data))
			}
			wantType := tt.contentType
			if wantType == "" {
				wantType = "application/octet-stream"
			}
			wantInfo(t, s, blob.Info{Key: key, Size: int64(len(tt.data)), ContentType: wantType})
		})
	}
}

func testOverwrite(t *testing.T, s blob.Store) {
	const key = "text/0123abcd.json"
	put(t, s, key, []byte("first version, longer than the second"), "text/plain")
	put(t, s, key, []byte(chinese), "application/json")
	put(t, s, key, []byte(chinese), "application/json") // idempotent
	if got := get(t, s, key); !bytes.Equal(got, []byte(chinese)) {
		t.Fatalf("get %s after overwrite: %s", key, diff(got, []byte(chinese)))
	}
	wantInfo(t, s, blob.Info{Key: key, Size: int64(len(chinese)), ContentType: "application/json"})
	wantKeys(t, s, "", []string{key})
}

// testConcurrentPut mirrors two departments uploading the same file at once:
// both writes of a content-addressed key must succeed and agree.
func testConcurrentPut(t *testing.T, s blob.Store) {
	data := randomBytes(t, 256<<10)
	key := "originals/" + sum(data)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			errs[i] = s.Put(t.Context(), key, bytes.NewReader(data), int64(len(data)), "application/pdf")
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent put %d of %s: %v", i, key, err)
		}
	}
	if got := get(t, s, key); !bytes.Equal(got, data) {
		t.Fatalf("get %s after concurrent puts: %s", key, diff(got, data))
	}
	wantKeys(t, s, "", []string{key})
}

func testMissing(t *testing.T, s blob.Store) {
	put(t, s, "originals/present", []byte("x"), "text/plain")
	for _, key := range []string{"originals/absent", "nothing/here/at-all", "originals", "originals/present/child"} {
		rc, err := s.Get(t.Context(), key)
		if err == nil {
			rc.Close()
		}
		if !catalog.IsNotFound(err) {
			t.Errorf("get missing %s: got %v (code %s), want ENOTFOUND", key, err, catalog.ErrorCode(err))
		}
		if _, err := s.Stat(t.Context(), key); !catalog.IsNotFound(err) {
			t.Errorf("stat missing %s: got %v (code %s), want ENOTFOUND", key, err, catalog.ErrorCode(err))
		}
		for _, n := range []int64{-1, 0, 5} {
			rc, err := s.GetRange(t.Context(), key, 1, n, "")
			if err == nil {
				rc.Close()
			}
			if !catalog.IsNotFound(err) {
				t.Errorf("get %d bytes from 1 of missing %s: got %v (code %s), want ENOTFOUND", n, key, err, catalog.ErrorCode(err))
			}
		}
	}
}

func testDelete(t *testing.T, s blob.Store) {
	if err := s.Delete(t.Context(), "originals/never-stored"); err != nil {
		t.Fatalf("delete missing key: %v, want nil", err)
	}
	put(t, s, "originals/a", []byte("a"), "text/plain")
	put(t, s, "originals/b", []byte("b"), "text/plain")
	for range 2 { // the second delete finds nothing and must still succeed
		if err := s.Delete(t.Context(), "originals/a"); err != nil {
			t.Fatalf("delete originals/a: %v", err)
		}
	}
	if _, err := s.Stat(t.Context(), "originals/a"); !catalog.IsNotFound(err) {
		t.Fatalf("stat after delete: got %v, want ENOTFOUND", err)
	}
	wantKeys(t, s, "", []string{"originals/b"})
}

func testList(t *testing.T, s blob.Store) {
	// Chosen so that walking folders gives a different order than sorting
	// keys: '-' and '.' sort before '/', which sorts before letters.
	keys := []string{
		"originals/aa", "originals/ab", "originals/b", "originals/b.meta",
		"text/aa.json", "text-x/1", "textfile", "text.d/z", "z",
	}
	for _, k := range keys {
		put(t, s, k, []byte(k), "text/plain")
	}
	// A failed Put must leave no temporary file that a listing could show.
	failing := &failingReader{r: bytes.NewReader(randomBytes(t, 1<<20)), after: 512 << 10}
	if err := s.Put(t.Context(), "originals/failed", failing, -1, "text/plain"); err == nil {
		t.Fatal("put from a failing reader succeeded")
	}
	tests := []struct {
		prefix string
		want   []string
	}{
		{"", []string{"originals/aa", "originals/ab", "originals/b", "originals/b.meta", "text-x/1", "text.d/z", "text/aa.json", "textfile", "z"}},
		{"originals/", []string{"originals/aa", "originals/ab", "originals/b", "originals/b.meta"}},
		{"originals/a", []string{"originals/aa", "originals/ab"}},
		{"originals/b", []string{"originals/b", "originals/b.meta"}},
		{"text", []string{"text-x/1", "text.d/z", "text/aa.json", "textfile"}},
		{"text/", []string{"text/aa.json"}},
		{"z", []string{"z"}},
		{"none/", nil},
		{"originals/aa/", nil},
	}
	for _, tt := range tests {
		wantKeys(t, s, tt.prefix, tt.want)
	}
	err := s.List(t.Context(), "", func(i blob.Info) error {
		if i.Size != int64(len(i.Key)) {
			t.Errorf("list: %s has size %d, want %d", i.Key, i.Size, len(i.Key))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("list: %v", err)
	}
}

func testListStops(t *testing.T, s blob.Store) {
	for _, k := range []string{"text/1.json", "text/2.json", "text/3.json"} {
		put(t, s, k, []byte("{}"), "application/json")
	}
	stop := errors.New("enough")
	var seen []string
	err := s.List(t.Context(), "text/", func(i blob.Info) error {
		seen = append(seen, i.Key)
		if len(seen) == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("list with fn failing: got %v, want the error fn returned", err)
	}
	if want := []string{"text/1.json", "text/2.json"}; !slices.Equal(seen, want) {
		t.Fatalf("list stopped by fn: saw %q, want %q", seen, want)
	}
}

func testInvalidKeys(t *testing.T, s blob.Store) {
	bad := []string{
		"../x", "/abs", "a//b", "A", "text/中文", "", "a/", "a/../b", "./x", "a/./b",
		"..", "a b", `a\b`, "originals/ABC", "a:b", strings.Repeat("a", blob.MaxKeyLen+1),
	}
	ctx := t.Context()
	for _, key := range bad {
		if err := blob.ValidKey(key); catalog.ErrorCode(err) != catalog.EINVALID {
			t.Errorf("ValidKey(%q) = %v, want EINVALID", key, err)
		}
		err := s.Put(ctx, key, strings.NewReader("x"), 1, "text/plain")
		wantCode(t, "put "+key, err, catalog.EINVALID)
		rc, err := s.Get(ctx, key)
		if err == nil {
			rc.Close()
		}
		wantCode(t, "get "+key, err, catalog.EINVALID)
		rc, err = s.GetRange(ctx, key, 0, 1, "")
		if err == nil {
			rc.Close()
		}
		wantCode(t, "get range "+key, err, catalog.EINVALID)
		_, err = s.Stat(ctx, key)
		wantCode(t, "stat "+key, err, catalog.EINVALID)
		wantCode(t, "delete "+key, s.Delete(ctx, key), catalog.EINVALID)
	}
	for _, prefix := range []string{"/", "/x", "../", "a//", "A", "a/../"} {
		err := s.List(ctx, prefix, func(blob.Info) error { return nil })
		wantCode(t, "list "+prefix, err, catalog.EINVALID)
	}
	good := []string{
		"originals/" + sum([]byte("x")), "text/" + sum([]byte("x")) + ".json",
		"a", "a.b/c_d-e", "..a/b..", strings.Repeat("a", blob.MaxKeyLen),
	}
	for _, key := range good {
		if err := blob.ValidKey(key); err != nil {
			t.Errorf("ValidKey(%q) = %v, want nil", key, err)
		}
	}
	wantKeys(t, s, "", nil)
}

func testFailingReader(t *testing.T, s blob.Store) {
	data := randomBytes(t, 3<<20)
	for _, size := range []int64{int64(len(data)), -1} {
		t.Run(fmt.Sprintf("size %d", size), func(t *testing.T) {
			key := fmt.Sprintf("originals/failing-%d", size+1)
			r := &failingReader{r: bytes.NewReader(data), after: 1 << 20}
			err := s.Put(t.Context(), key, r, size, "application/pdf")
			if !errors.Is(err, errReader) {
				t.Fatalf("put from a reader failing after 1 MiB: got %v, want the reader's error", err)
			}
			if _, err := s.Stat(t.Context(), key); !catalog.IsNotFound(err) {
				t.Fatalf("stat after failed put: got %v, want ENOTFOUND (no half-written object)", err)
			}
		})
	}
	t.Run("replacing", func(t *testing.T) {
		const key = "originals/keeps-old"
		put(t, s, key, []byte("old"), "text/plain")
		r := &failingReader{r: bytes.NewReader(data), after: 1 << 20}
		if err := s.Put(t.Context(), key, r, int64(len(data)), "application/pdf"); err == nil {
			t.Fatal("put from a failing reader succeeded")
		}
		if got := get(t, s, key); string(got) != "old" {
			t.Fatalf("get after failed overwrite: %s", diff(got, []byte("old")))
		}
		wantInfo(t, s, blob.Info{Key: key, Size: 3, ContentType: "text/plain"})
	})
}

func testSizeMismatch(t *testing.T, s blob.Store) {
	tests := []struct {
		name string
		data string
		size int64
	}{
		{"short", "12345", 10},
		{"long", "1234567890", 5},
		{"long empty", "x", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := "originals/mismatch-" + strings.ReplaceAll(tt.name, " ", "-")
			r := struct{ io.Reader }{strings.NewReader(tt.data)}
			err := s.Put(t.Context(), key, r, tt.size, "text/plain")
			wantCode(t, fmt.Sprintf("put %d bytes declared as %d", len(tt.data), tt.size), err, catalog.EINVALID)
			if _, err := s.Stat(t.Context(), key); !catalog.IsNotFound(err) {
				t.Fatalf("stat after size mismatch: got %v, want ENOTFOUND", err)
			}
		})
	}
}

func testCancel(t *testing.T, s blob.Store) {
	put(t, s, "originals/there", []byte("x"), "text/plain")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	wantCanceled := func(op string, err error) {
		t.Helper()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: got %v, want context.Canceled", op, err)
		}
	}
	wantCanceled("put", s.Put(ctx, "originals/new", strings.NewReader("x"), 1, "text/plain"))
	rc, err := s.Get(ctx, "originals/there")
	if err == nil {
		rc.Close()
	}
	wantCanceled("get", err)
	rc, err = s.GetRange(ctx, "originals/there", 0, 1, "")
	if err == nil {
		rc.Close()
	}
	wantCanceled("get range", err)
	_, err = s.Stat(ctx, "originals/there")
	wantCanceled("stat", err)
	wantCanceled("list", s.List(ctx, "", func(blob.Info) error { return nil }))
	wantCanceled("delete", s.Delete(ctx, "originals/there"))

	// Cancelling while the body streams must abort the upload.
	ctx, cancel = context.WithCancel(t.Context())
	defer cancel()
	r := &cancellingReader{r: bytes.NewReader(randomBytes(t, 3<<20)), after: 1 << 20, cancel: cancel}
	wantCanceled("put cancelled mid-stream", s.Put(ctx, "originals/cancelled", r, 3<<20, "application/pdf"))
	if _, err := s.Stat(t.Context(), "originals/cancelled"); !catalog.IsNotFound(err) {
		t.Errorf("stat after cancelled put: got %v, want ENOTFOUND", err)
	}
	wantKeys(t, s, "", []string{"originals/there"})
}

// testGetRange reads parts of a text as a page view does: from a page's
// offset, so many bytes or to the end; a range past the end reads
// nothing, a negative start is refused.
func testGetRange(t *testing.T, s blob.Store) {
	data := []byte(strings.Repeat(chinese, 40000)) // some 7 MB: a range must not be the whole
	size := int64(len(data))
	const key = "text/ranges.json"
	put(t, s, key, data, "application/json")
	tests := []struct {
		name   string
		off, n int64
		from   int64 // want data[from:to]
		to     int64
	}{
		{"whole", 0, -1, 0, size},
		{"head", 0, 10, 0, 10},
		{"middle", 3 << 20, 1000, 3 << 20, 3<<20 + 1000},
		{"tail from an offset", size - 77, -1, size - 77, size},
		{"past the end of a range", size - 3, 10, size - 3, size},
		{"nothing asked", 5, 0, 5, 5},
		{"at the end", size, 5, size, size},
		{"beyond the end", size + 100, -1, size, size},
	}
	// An empty object: a range of it reads nothing, no error.
	put(t, s, "text/empty.json", nil, "application/json")
	for _, n := range []int64{-1, 0, 5} {
		rc, err := s.GetRange(t.Context(), "text/empty.json", 0, n, "")
		if err != nil {
			t.Fatalf("get %d bytes of an empty object: %v", n, err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || len(got) != 0 {
			t.Errorf("get %d bytes of an empty object: %q, %v; want nothing, no error", n, got, err)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, err := s.GetRange(t.Context(), key, tt.off, tt.n, "")
			if err != nil {
				t.Fatalf("get %d bytes of %s from %d: %v", tt.n, key, tt.off, err)
			}
			defer rc.Close()
			got, err := io.ReadAll(rc)
			if err != nil {
				t.Fatalf("read %d bytes of %s from %d: %v", tt.n, key, tt.off, err)
			}
			if want := data[tt.from:tt.to]; !bytes.Equal(got, want) {
				t.Fatalf("get %d bytes of %s from %d: %s", tt.n, key, tt.off, diff(got, want))
			}
		})
	}
	rc, err := s.GetRange(t.Context(), key, -1, 5, "")
	if err == nil {
		rc.Close()
	}
	wantCode(t, "get range from -1", err, catalog.EINVALID)
}

// testVersion: Stat names the object's state; the same while it stays,
// another once it is replaced by other bytes of the same size.
func testVersion(t *testing.T, s blob.Store) {
	const key = "text/rewritten.json"
	first := []byte(strings.Repeat("第一版:社区学院", 100))
	second := []byte(strings.Repeat("第二版:老年大学", 100))
	put(t, s, key, first, "application/json")
	stat := func() string {
		t.Helper()
		info, err := s.Stat(t.Context(), key)
		if err != nil {
			t.Fatalf("stat %s: %v", key, err)
		}
		return info.Version
	}
	v1 := stat()
	if v1 == "" {
		t.Fatalf("stat %s: no version", key)
	}
	if again := stat(); again != v1 {
		t.Fatalf("stat %s twice: version %q, then %q", key, v1, again)
	}
	// Read by its version, the object reads as it is.
	rc, err := s.GetRange(t.Context(), key, 3, 10, v1)
	if err != nil {
		t.Fatalf("get range of %s by its version: %v", key, err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || !bytes.Equal(got, first[3:13]) {
		t.Fatalf("get range of %s by its version: %v, %s", key, err, diff(got, first[3:13]))
	}
	put(t, s, key, second, "application/json")
	v2 := stat()
	if v2 == v1 {
		t.Fatalf("stat %s replaced by other bytes of the same size: version still %q", key, v1)
	}
	// By the version it had, it is ErrChanged, not the new bytes read
	// at the old offsets; by its version now, it reads.
	for _, n := range []int64{10, -1, 0} {
		rc, err := s.GetRange(t.Context(), key, 3, n, v1)
		if err == nil {
			rc.Close()
		}
		if !errors.Is(err, blob.ErrChanged) {
			t.Errorf("get %d bytes of %s replaced, by the version it had: %v, want ErrChanged", n, key, err)
		}
	}
	rc, err = s.GetRange(t.Context(), key, 3, 10, v2)
	if err != nil {
		t.Fatalf("get range of %s by its new version: %v", key, err)
	}
	got, err = io.ReadAll(rc)
	rc.Close()
	if err != nil || !bytes.Equal(got, second[3:13]) {
		t.Fatalf("get range of %s by its new version: %v, %s", key, err, diff(got, second[3:13]))
	}
}

package documents

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// TestWindowedGetReadsTheWholeObject: read in ranges that double, an
// object reads as it is, whatever its size against the ranges'; a missing
// one is ENOTFOUND at Get.
func TestWindowedGetReadsTheWholeObject(t *testing.T) {
	store, err := blob.NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const first = 10
	body := strings.Repeat("学分银行,社区学院。", 20) // 300 bytes: ranges of 10, 20, 40, 80, 160
	w := windowed{Store: store, first: first}
	for _, size := range []int{0, 1, first - 1, first, first + 1, 3 * first, 3*first + 1, 150, 299, 300} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			key := fmt.Sprintf("text/w%d.json", size)
			data := []byte(body[:size])
			if err := store.Put(ctx, key, bytes.NewReader(data), int64(size), ""); err != nil {
				t.Fatal(err)
			}
			rc, err := w.Get(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			got, err := io.ReadAll(rc)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("read %d bytes (%v), want the %d of the object", len(got), err, size)
			}
		})
	}
	if _, err := w.Get(ctx, "text/absent.json"); !catalog.IsNotFound(err) {
		t.Errorf("get of a missing object: %v, want ENOTFOUND", err)
	}
}

// secondRangeFails is a store whose ranges after the first fail to open;
// it counts how often each reading it opened was closed.
var errStoreDown = errors.New("store down")

type secondRangeFails struct {
	blob.Store
	opened int
	closes []int
}

func (s *secondRangeFails) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	if s.opened++; s.opened > 1 {
		return nil, fmt.Errorf("get %s: %w", key, errStoreDown)
	}
	rc, err := s.Store.GetRange(ctx, key, off, n, version)
	if err != nil {
		return nil, err
	}
	s.closes = append(s.closes, 0)
	return &closeCounted{ReadCloser: rc, closes: &s.closes[len(s.closes)-1]}, nil
}

type closeCounted struct {
	io.ReadCloser
	closes *int
}

func (c *closeCounted) Close() error {
	*c.closes++
	return c.ReadCloser.Close()
}

// TestWindowedNextRangeFailing: when the next range fails to open, the
// reading says so, again if read again (not an end), and Close closes the range read before once, not
// twice.
func TestWindowedNextRangeFailing(t *testing.T) {
	folder, err := blob.NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key := "text/next.json"
	data := []byte(strings.Repeat("社区学院。", 10))
	if err := folder.Put(ctx, key, bytes.NewReader(data), int64(len(data)), ""); err != nil {
		t.Fatal(err)
	}
	store := &secondRangeFails{Store: folder}
	rc, err := windowed{Store: store, first: 10}.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(rc); !errors.Is(err, errStoreDown) {
		t.Errorf("read past the first range: %v, want %v", err, errStoreDown)
	}
	if _, err := rc.Read(make([]byte, 10)); !errors.Is(err, errStoreDown) {
		t.Errorf("read again: %v, want %v still", err, errStoreDown)
	}
	rc.Close()
	if len(store.closes) != 1 || store.closes[0] != 1 {
		t.Errorf("ranges closed %v times, want the one opened once", store.closes)
	}
}

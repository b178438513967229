package documents

import (
	"bytes"
	"context"
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

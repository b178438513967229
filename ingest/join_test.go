package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestJoinedPhotosOverTheLimit: photos that, joined, pass the upload
// limit are refused as too large, whichever photo the limit falls in,
// and leave no goroutine behind.
func TestJoinedPhotosOverTheLimit(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("extract", "testdata", "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	size := int64(len(data))
	for _, limit := range []int64{2*size + 100, 3*size + 700, 3 * size / 2} {
		dir := t.TempDir()
		s := &Service{cfg: Config{MaxUpload: limit, TempDir: dir}, mem: newMemBudget(8 << 20)}
		var files []*Staged
		for _, name := range []string{"IMG_1.jpg", "IMG_2.jpg", "IMG_3.jpg"} {
			st, err := Stage(bytes.NewReader(data), name, dir, 1<<30)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Remove()
			files = append(files, st)
		}
		before := runtime.NumGoroutine()
		joined, err := s.joinPhotos(t.Context(), files)
		if err == nil {
			joined.Remove()
			t.Fatalf("limit %d: three photos of %d bytes joined", limit, size)
		}
		if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(catalog.ErrorMessage(err), "3 张照片合并后超过单个文件") {
			t.Errorf("limit %d: %v, want ETOOLARGE saying the joined file is over the limit", limit, err)
		}
		deadline := time.Now().Add(time.Minute)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			t.Errorf("limit %d: %d goroutines left, %d before", limit, n, before)
		}
	}
}

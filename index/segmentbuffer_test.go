package index

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestSegmentAfterALongDocumentIsNotSizedByIt: the segment of a short
// document written after a long one takes about what the short one
// needs, not a hundred times the long one's segment.
func TestSegmentAfterALongDocumentIsNotSizedByIt(t *testing.T) {
	ctx := context.Background()
	// Bleve keeps the size of the last segment with its writer in a
	// sync.Pool, one per P, which a collection may empty: one P, and no
	// collection meanwhile, so that the short document's segment gets
	// the writer the long one's put back.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	idx, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	var b strings.Builder
	for i := 0; b.Len() < 300_000; i++ {
		fmt.Fprintf(&b, "第%d区开展社区教育和老年大学课程%d门，参与市民%d人次。", i, i*3, i*7)
	}
	long := Document{ID: "01LONG", Title: "学习型城市建设监测报告", City: "330100", DocType: "work_summary", Pages: []string{b.String()}}
	if err := idx.Index(ctx, []Document{long}); err != nil {
		t.Fatal(err)
	}
	short := Document{ID: "01SHORT", Title: "社区教育通知", City: "330100", DocType: "notice", Pages: []string{"关于开展社区教育活动的通知。"}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := idx.Index(ctx, []Document{short}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 32<<20 {
		t.Errorf("indexing %d bytes after a document of %d allocated %d MiB, want under 32 MiB",
			short.TextSize(), long.TextSize(), got>>20)
	}
}

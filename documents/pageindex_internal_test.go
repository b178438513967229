package documents

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestSparseIndexEndsBeforeALongPage: in an index holding every fourth
// page, a reading that ends on the page before a long page (of several
// parts, not held in pageOffs) ends where that page begins, not at the
// page held after it, which would ask the store for the long page too.
func TestSparseIndexEndsBeforeALongPage(t *testing.T) {
	// Page n begins at (n-1)*100; page 4 is three parts, 300, 350, 380.
	ix := &pageIndex{pages: 16, stride: 4,
		pageOffs: []int64{0, 400, 800, 1200},
		multi:    map[int32][]int64{4: {300, 350, 380}}}
	for _, c := range []struct {
		n, k int
		want int64
	}{
		{1, 1, 300}, // the long page 4 two pages on
		{2, 1, 300}, // and one
		{3, 1, 300}, // the next page is the long one
		{4, 1, 350}, // its own next part
		{4, 3, 400}, // its last part: the page after, held
		{5, 1, 800}, // no long page between
		{12, 1, 1200},
		{15, 1, -1}, // past the last page held
		{16, 1, -1},
	} {
		if got := ix.end(c.n, c.k); got != c.want {
			t.Errorf("end(%d, %d) = %d, want %d", c.n, c.k, got, c.want)
		}
	}
}

// TestFirstViewTakesTheHeadSuggestionsRead: the head a first view takes
// as it reads the text through for its index (scanInto with headLeft) is
// the head textHead reads for suggestions: page by page, an empty first
// page kept as one, cut at headBytes inside a page of several parts.
func TestFirstViewTakesTheHeadSuggestionsRead(t *testing.T) {
	ctx := context.Background()
	store, err := blob.NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sha := strings.Repeat("5a", 32)
	pages := []string{"", "第2页：" + strings.Repeat("推进学分银行建设，社区学院覆盖全市。", 20000), "第3页：学习型城市建设监测"}
	if _, err := ingest.SaveText(ctx, store, sha, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	s := NewService(nil, store, nil, nil)
	d := &catalog.Document{ID: "学分银行材料", SHA256: sha}
	want, err := s.textHead(ctx, d, "")
	if err != nil {
		t.Fatal(err)
	}
	defer want.release()
	first := &pageRead{budget: s.textBudget.Load(), headLeft: headBytes}
	defer first.release()
	at := PageAt{Page: 3}
	if _, err := s.scanInto(ctx, d, &at, first, true); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first.head, want.head) || len(want.head) != 2 || want.head[0] != "" {
		t.Errorf("the first view's head: %d pages, %d bytes; textHead's: %d pages, %d bytes", len(first.head), len(strings.Join(first.head, "")), len(want.head), len(strings.Join(want.head, "")))
	}
	if !strings.HasPrefix(first.Text, "第3页") {
		t.Errorf("the first view's page: %.30q, want page 3", first.Text)
	}
}

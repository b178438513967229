package documents_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// shortRanges is a store whose ranges, once cut is set, end after their
// first cut bytes: a blob that does not read as it was indexed.
type shortRanges struct {
	blob.Store
	cut atomic.Int64
}

func (s *shortRanges) GetRange(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	rc, err := s.Store.GetRange(ctx, key, off, n)
	if err != nil || s.cut.Load() == 0 {
		return rc, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, s.cut.Load()), rc}, nil
}

// TestTextOfABlobNotAsIndexedIsReadFromItsStart: /text of a page of a
// sparsely indexed text (every fourth page held) whose blob no longer
// reads as it was indexed (it breaks off before the page asked for)
// forgets the index and reads the text from its start, as the document
// page does, rather than failing.
func TestTextOfABlobNotAsIndexedIsReadFromItsStart(t *testing.T) {
	defer documents.SetPageIndexLimits(4, 1<<20)()
	e := testenv.New(t)
	ctx := context.Background()
	pages := make([]string, 16)
	for i := range pages {
		pages[i] = fmt.Sprintf("第%d页:社区教育", i+1)
	}
	d := savePages(t, e, "sparse.txt", pages)
	store := &shortRanges{Store: e.Blobs}
	s := documents.NewService(e.Catalog, store, e.Ingest, e.Search)
	defer s.Close()
	r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: 1}, 0)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if n, _ := s.KeptPageIndexes(); n != 1 {
		t.Fatalf("%d page indexes kept after the first view, want 1", n)
	}
	store.cut.Store(8) // within page 1
	tr, err := s.OpenText(ctx, coordA, d.ID, documents.TextRequest{From: 3, To: 3})
	if err != nil {
		t.Fatalf("/text page 3 of a blob not as indexed: %v, want it read from the start", err)
	}
	defer tr.Close()
	var got strings.Builder
	for tr.Next() {
		var page []byte
		var cerr error
		for cerr == nil {
			page, cerr = tr.Chunk(page)
		}
		got.Write(page)
	}
	if got.String() != pages[2] {
		t.Errorf("/text page 3 reads %q, want %q", got.String(), pages[2])
	}
	if n, _ := s.KeptPageIndexes(); n != 0 {
		t.Errorf("%d page indexes kept, want the one not as its blob forgotten", n)
	}
}

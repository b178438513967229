package documents_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// shortRanges is a store whose ranges, once cut is set, end after their
// first cut bytes: a blob that does not read as it was indexed.
type shortRanges struct {
	blob.Store
	cut atomic.Int64
}

func (s *shortRanges) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	rc, err := s.Store.GetRange(ctx, key, off, n, version)
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

// frozenStat is a store whose Stat, once frozen, names objects as they
// were then (once: the first Stat alone): a text written again between a
// view's Stat and its reading.
type frozenStat struct {
	blob.Store
	frozen map[string]blob.Info
	once   bool
}

func (s *frozenStat) Stat(ctx context.Context, key string) (blob.Info, error) {
	if info, ok := s.frozen[key]; ok {
		if s.once {
			delete(s.frozen, key)
		}
		return info, nil
	}
	return s.Store.Stat(ctx, key)
}

// TestTextWrittenAgainAfterItsStatIsShownAsItIs: a text indexed by a view
// and written again (of the same size, its pages beginning elsewhere)
// after the next view looked it up is shown as it is now, by the page and
// by /text, not read by the old offsets: the reading asks the store for
// the version looked up.
func TestTextWrittenAgainAfterItsStatIsShownAsItIs(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	body := strings.Repeat("社区学院建设。", 400)
	before := []string{"目录", "第2页:旧稿" + body, "第3页:末页"}
	after := []string{"目录目录", "第2页:" + body, "第3页:末页"} // page 2 begins 6 bytes on
	d := savePages(t, e, "stat-then-write.txt", before)
	store := &frozenStat{Store: e.Blobs}
	s := documents.NewService(e.Catalog, store, e.Ingest, e.Search)
	defer s.Close()
	readPageText(t, s, d, 2)
	key := catalog.TextKey(d.SHA256)
	old, err := e.Blobs.Stat(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	store.frozen = map[string]blob.Info{key: old}
	if _, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: after}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: 2}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := after[1]; r.Page.Text != want {
		t.Errorf("page 2 shows %.30q…, want the text written again: %.30q…", r.Page.Text, want)
	}
	r.Close()
	readPageText(t, s, d, 3)
}

// rangesDown is a store whose ranged reads fail EUNAVAILABLE while down,
// as S3 does in an outage that begins after a view looked its text up.
type rangesDown struct {
	blob.Store
	down atomic.Bool
}

func (s *rangesDown) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	if s.down.Load() {
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储暂时不可用")
	}
	return s.Store.GetRange(ctx, key, off, n, version)
}

// TestStoreOutageDuringARangedReadKeepsTheIndex: a page view of an
// indexed text whose ranged read fails as the store is out of reach is
// the document without its page, saying why (TextOutOfReach, with the
// store's message: the page shows what the catalog holds), /text answers
// EUNAVAILABLE (a 503), and both keep the page index: the store, not the
// index, is at fault, and once it is back the pages are read by the index
// again, not the text through.
func TestStoreOutageDuringARangedReadKeepsTheIndex(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	pages := []string{"第1页:社区教育", "第2页:学分银行", "第3页:老年大学"}
	d := savePages(t, e, "outage.txt", pages)
	store := &rangesDown{Store: e.Blobs}
	s := documents.NewService(e.Catalog, store, e.Ingest, e.Search)
	defer s.Close()
	readPageText(t, s, d, 2)
	store.down.Store(true)
	r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: 2}, 0)
	if err != nil {
		t.Fatalf("view during the outage: %v, want the document without its page", err)
	}
	if r.Page != nil || r.TextOutOfReach == nil || r.TextOutOfReach.Code != catalog.EUNAVAILABLE ||
		!strings.Contains(catalog.ErrorMessage(r.TextOutOfReach), "对象存储暂时不可用") || r.Document.ID != d.ID {
		t.Errorf("view during the outage: page %v, out of reach %v, want no page and EUNAVAILABLE saying the store is unavailable", r.Page, r.TextOutOfReach)
	}
	if _, err := s.OpenText(ctx, coordA, d.ID, documents.TextRequest{From: 2, To: 2}); catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Errorf("/text during the outage: %v, want EUNAVAILABLE", err)
	}
	if n, _ := s.KeptPageIndexes(); n != 1 {
		t.Errorf("%d page indexes kept after the outage, want the text's still", n)
	}
	store.down.Store(false)
	readPageText(t, s, d, 3)
}

// TestSuggestionsOfATextWrittenAgainAfterItsStat: a first view of a text
// written again after the view looked it up ranks its suggestions from
// its head as it is now, rather than failing.
func TestSuggestionsOfATextWrittenAgainAfterItsStat(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := savePages(t, e, "head.txt", []string{"第1页:社区学院", "第2页:学分银行"})
	key := catalog.TextKey(d.SHA256)
	old, err := e.Blobs.Stat(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	store := &frozenStat{Store: e.Blobs, frozen: map[string]blob.Info{key: old}, once: true}
	s := documents.NewService(e.Catalog, store, e.Ingest, e.Search)
	defer s.Close()
	if _, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: []string{"第1页:老年大学", "第2页:学分银行"}}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: 1}, 5)
	if err != nil {
		t.Fatalf("first view of a text written again after its Stat: %v", err)
	}
	defer r.Close()
	if r.Page.Text != "第1页:老年大学" {
		t.Errorf("page 1 shows %q, want the text written again", r.Page.Text)
	}
}

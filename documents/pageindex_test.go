package documents_test

import (
	"context"
	"crypto/sha256"
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

// TestIndexedPagesReadAsFromTheStart: once a text's pages were shown, a
// page is read from where its index says it begins in the blob, not from
// the start; each page and part of a text of short, empty and long pages
// (with quotes, backslashes, control characters and characters beyond
// the BMP, which its JSON escapes) reads as it does from the start, with
// its neighbours, counts, sheet name and index cut, and so do a page and
// a part past the end; so they do by a sparse index (limits too small
// for every page: where some pages begin is held).
func TestIndexedPagesReadAsFromTheStart(t *testing.T) {
	for _, sparse := range []bool{false, true} {
		t.Run(fmt.Sprintf("sparse %v", sparse), func(t *testing.T) {
			if sparse {
				t.Cleanup(documents.SetPageIndexLimits(sparseLimit, 1000))
			}
			testIndexedPagesReadAsFromTheStart(t, sparse)
		})
	}
}

// sparseLimit is an index's limit that the test texts' long pages fit in
// and not where each of their pages begins.
const sparseLimit = 9

// wantSparse fails t unless s keeps one index, holding fewer offsets than
// the text has pages when sparse.
func wantSparse(t *testing.T, s *documents.Service, sparse bool, pages int) {
	t.Helper()
	texts, offsets := s.KeptPageIndexes()
	if texts != 1 || sparse && offsets > sparseLimit || !sparse && offsets < pages {
		t.Fatalf("kept %d indexes of %d offsets for a text of %d pages, want one, sparse %v", texts, offsets, pages, sparse)
	}
}

func testIndexedPagesReadAsFromTheStart(t *testing.T, sparse bool) {
	e := testenv.New(t)
	ctx := context.Background()
	clause := "推进\"学分银行\"建设\\积分\t兑换𠀋。\n" // JSON escapes ", \ and the tab
	long := "工作表:老年大学名录\n" + strings.Repeat(clause, 2*documents.PartBytes/len(clause)+3)
	pages := []string{"目录", "", long, "附录:第二页", strings.Repeat("社区教育。", 100), long[:documents.PartBytes], "末页"}
	d := e.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	h, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
		t.Fatal(err)
	}
	read := func(s *documents.Service, at documents.PageAt) string {
		t.Helper()
		r, err := s.Read(ctx, coordA, d.ID, at, 5)
		if err != nil {
			t.Fatalf("%+v: %v", at, err)
		}
		defer r.Close()
		p := r.Page
		return fmt.Sprintf("page %d/%d part %d/%d prev %d line %q cut %+v\ntext %q\nbefore %q\nafter %q",
			p.Number, p.Count, p.Part, p.Parts, p.PrevParts, p.FirstLine, p.Cut, digest(p.Text), digest(p.Before), digest(p.After))
	}
	// A view indexes the text; e.Documents reads from its index then.
	read(e.Documents, documents.PageAt{})
	wantSparse(t, e.Documents, sparse, len(pages))
	for page := 0; page <= len(pages)+1; page++ {
		for part := 0; part <= 4; part++ {
			at := documents.PageAt{Page: page, Part: part}
			fresh := documents.NewService(e.Catalog, e.Blobs, e.Ingest, e.Search)
			if got, want := read(e.Documents, at), read(fresh, at); got != want {
				t.Errorf("%+v read by the index:\n%s\nwant, as read from the start:\n%s", at, got, want)
			}
		}
	}
}

// TestIndexedTextRangesReadAsFromTheStart: once a text's pages were
// shown, /text's ranges open the blob at their first page; each range,
// shown or not, reads as it does from the start, with the extractor, the
// count of pages and the index cut, and a page past the end is refused
// alike; so they do by a sparse index.
func TestIndexedTextRangesReadAsFromTheStart(t *testing.T) {
	for _, sparse := range []bool{false, true} {
		t.Run(fmt.Sprintf("sparse %v", sparse), func(t *testing.T) {
			if sparse {
				t.Cleanup(documents.SetPageIndexLimits(sparseLimit, 1000))
			}
			testIndexedTextRangesReadAsFromTheStart(t, sparse)
		})
	}
}

func testIndexedTextRangesReadAsFromTheStart(t *testing.T, sparse bool) {
	e := testenv.New(t)
	ctx := context.Background()
	long := strings.Repeat("推进\"学分银行\"建设。\n", documents.PartBytes/20)
	pages := []string{"目录", "", long, "附录:第二页", "末页", "", "附表一", "附表二", "附表三", "附表四", "附表五", "附表六", "附表七", "附表八", "附表九", "附表十", "附表十一", "附表十二", "封底"}
	d := e.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	h, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
		t.Fatal(err)
	}
	r, err := e.Documents.Read(ctx, coordA, d.ID, documents.PageAt{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	wantSparse(t, e.Documents, sparse, len(pages))
	text := func(s *documents.Service, req documents.TextRequest) string {
		t.Helper()
		tr, err := s.OpenText(ctx, coordA, d.ID, req)
		if err != nil {
			return "error: " + err.Error()
		}
		defer tr.Close()
		var b strings.Builder
		for tr.Next() {
			var page []byte
			for {
				var err error
				if page, err = tr.Chunk(page); err != nil {
					break
				}
			}
			fmt.Fprintf(&b, "page %d: %s\n", tr.Page(), digest(string(page)))
		}
		cut, err := tr.Cut()
		fmt.Fprintf(&b, "%s, %d pages, cut %+v %v", tr.Extractor, tr.PageCount, cut, err)
		return b.String()
	}
	for from := 0; from <= len(pages)+1; from++ {
		for _, to := range []int{0, from, from + 1} {
			for _, shown := range []bool{false, true} {
				req := documents.TextRequest{From: from, To: to, Shown: shown}
				fresh := documents.NewService(e.Catalog, e.Blobs, e.Ingest, e.Search)
				if got, want := text(e.Documents, req), text(fresh, req); got != want {
					t.Errorf("%+v read by the index:\n%s\nwant, as read from the start:\n%s", req, got, want)
				}
			}
		}
	}
}

// digest is s's length with its ends and its hash.
func digest(s string) string {
	if len(s) <= 40 {
		return s
	}
	return fmt.Sprintf("%d bytes: %q…%q %x", len(s), s[:20], s[len(s)-20:], sha256.Sum256([]byte(s)))
}

// savePages uploads a document and stores pages as its text, with its
// hash recorded, as extraction would.
func savePages(t *testing.T, e *testenv.Env, name string, pages []string) *catalog.Document {
	t.Helper()
	ctx := context.Background()
	d := e.Upload("330100", name, "杭州市学习型城市建设监测材料:"+name)
	h, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPageIndexOfTinyPagesIsSparse: a text of two million one-character
// pages (a page break after each 学), more than one index may hold, is
// indexed sparsely (every other page) and kept; its first page, its last
// and two in its middle are shown as read from the start, by the document
// page and by /text, each read from the page held before it, not from the
// text's start.
func TestPageIndexOfTinyPagesIsSparse(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	const count = 2_000_000
	pages := make([]string, count)
	for i := range pages {
		pages[i] = "学"
	}
	mid := count / 2
	pages[0], pages[mid-1], pages[mid], pages[count-1] = "首", "中", "后", "末"
	d := savePages(t, e, "tiny.txt", pages)
	counted := &countingStore{Store: e.Blobs}
	s := documents.NewService(e.Catalog, counted, e.Ingest, e.Search)
	if _, err := s.Suggestions(ctx, coordA, d.ID, 5); err != nil {
		t.Fatal(err)
	}
	counted.gets.Store(0)
	tests := []struct {
		page                int
		text, before, after string
	}{
		{1, "首", "", "学"},
		{mid, "中", "学", "后"},
		{mid + 1, "后", "中", "学"},
		{count, "末", "学", ""},
	}
	for i, tt := range tests {
		counted.asked.Store(0)
		r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: tt.page}, 5)
		if err != nil {
			t.Fatalf("page %d: %v", tt.page, err)
		}
		p := r.Page
		if p.Number != tt.page || p.Count != count || p.Text != tt.text || p.Before != tt.before || p.After != tt.after {
			t.Errorf("page %d: page %d/%d %q between %q and %q, want of %d pages, %q between %q and %q",
				tt.page, p.Number, p.Count, p.Text, p.Before, p.After, count, tt.text, tt.before, tt.after)
		}
		r.Close()
		if n := counted.asked.Load(); i > 0 && n > 1<<10 {
			t.Errorf("page %d: the store was asked for %d bytes, want a few pages' (at most 1 KB)", tt.page, n)
		}
		tr, err := s.OpenText(ctx, coordA, d.ID, documents.TextRequest{From: tt.page, To: tt.page})
		if err != nil {
			t.Fatalf("/text page %d: %v", tt.page, err)
		}
		var got []byte
		for tr.Next() {
			for cerr := error(nil); cerr == nil; {
				got, cerr = tr.Chunk(got)
			}
		}
		tr.Close()
		if string(got) != tt.text {
			t.Errorf("/text page %d: %q, want %q", tt.page, got, tt.text)
		}
	}
	if texts, offsets := s.KeptPageIndexes(); texts != 1 || offsets != count/2 {
		t.Errorf("kept %d indexes of %d offsets, want one of %d (every other page of %d)", texts, offsets, count/2, count)
	}
	if n := counted.gets.Load(); n != 1 {
		t.Errorf("the text was read from its start %d times, want once (to index it)", n)
	}
}

// TestPageIndexesAreBoundedByWeight: the page indexes kept hold no more
// offsets than allowed in all, the ones shown last kept; a text with more
// pages than one index may hold is indexed sparsely, every other page.
func TestPageIndexesAreBoundedByWeight(t *testing.T) {
	t.Cleanup(documents.SetPageIndexLimits(650, 1250))
	e := testenv.New(t)
	ctx := context.Background()
	view := func(d *catalog.Document, want int) {
		t.Helper()
		r, err := e.Documents.Read(ctx, coordA, d.ID, documents.PageAt{Page: want}, 5)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if r.Page.Number != want || r.Page.Count != want {
			t.Errorf("%s: page %d/%d, want %d/%d", d.Filename, r.Page.Number, r.Page.Count, want, want)
		}
	}
	pages := func(name string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s第%d页:社区学院", name, i+1)
		}
		return out
	}
	big := savePages(t, e, "big.txt", pages("big", 600))
	view(big, 600)
	if texts, offsets := e.Documents.KeptPageIndexes(); texts != 1 || offsets != 600 {
		t.Errorf("after one text of 600 pages: kept %d indexes of %d offsets, want 1 of 600", texts, offsets)
	}
	for i := range 3 {
		view(savePages(t, e, fmt.Sprintf("more%d.txt", i), pages(fmt.Sprint(i), 500)), 500)
	}
	if texts, offsets := e.Documents.KeptPageIndexes(); texts != 2 || offsets != 1000 {
		t.Errorf("after three more of 500 pages: kept %d indexes of %d offsets, want the last 2, 1000", texts, offsets)
	}
	view(savePages(t, e, "huge.txt", pages("huge", 700)), 700)
	if texts, offsets := e.Documents.KeptPageIndexes(); texts != 2 || offsets != 850 {
		t.Errorf("after a text of 700 pages (over 650): kept %d indexes of %d offsets, want 2: 500 and the new one's 350 (every other page)", texts, offsets)
	}
}

// countingStore counts the bytes read from its store's objects (a
// range's alone; a seek skips bytes without counting them), the Stats,
// and the reads of a text from its start (Get: what building a text's
// page index does).
type countingStore struct {
	blob.Store
	read, stats, gets atomic.Int64
	// asked is how many bytes of texts the store was asked for: what S3
	// sends, however little of it is read.
	asked atomic.Int64
}

func (s *countingStore) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	rc, err := s.Store.GetRange(ctx, key, off, n, version)
	if err != nil {
		return nil, err
	}
	if n < 0 {
		s.ask(ctx, key, off)
	} else {
		s.asked.Add(n)
	}
	return &countedReader{rc, &s.read}, nil
}

// ask counts the bytes of key from off to its end as asked for.
func (s *countingStore) ask(ctx context.Context, key string, off int64) {
	if info, err := s.Store.Stat(ctx, key); err == nil {
		s.asked.Add(max(info.Size-off, 0))
	}
}

func (s *countingStore) Stat(ctx context.Context, key string) (blob.Info, error) {
	s.stats.Add(1)
	return s.Store.Stat(ctx, key)
}

func (s *countingStore) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "text/") {
		s.gets.Add(1)
		s.ask(ctx, key, 0)
	}
	rc, err := s.Store.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	if sk, ok := rc.(io.ReadSeekCloser); ok {
		return &countedSeeker{countedReader{rc, &s.read}, sk}, nil
	}
	return &countedReader{rc, &s.read}, nil
}

type countedReader struct {
	io.ReadCloser
	n *atomic.Int64
}

func (r *countedReader) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	r.n.Add(int64(n))
	return n, err
}

type countedSeeker struct {
	countedReader
	sk io.Seeker
}

func (r *countedSeeker) Seek(off int64, whence int) (int64, error) { return r.sk.Seek(off, whence) }

// TestIndexedViewsReadLessThanTheBlob: once a text's pages were shown, a
// view of its last page and a /text range from it read from where the
// index says they begin (the parts around them), not the text of some
// ten parts before them, the blob looked up once a view; so do those of a text whose hash was never
// recorded (stored before migration 011), by its original's SHA-256.
func TestIndexedViewsReadLessThanTheBlob(t *testing.T) {
	for _, recorded := range []bool{true, false} {
		t.Run(fmt.Sprintf("hash recorded %v", recorded), func(t *testing.T) {
			testIndexedViewsReadLessThanTheBlob(t, recorded)
		})
	}
}

func testIndexedViewsReadLessThanTheBlob(t *testing.T, recorded bool) {
	e := testenv.New(t)
	ctx := context.Background()
	pages := make([]string, 10)
	for i := range pages {
		pages[i] = strings.Repeat(fmt.Sprintf("第%d页:推进学分银行建设。\n", i+1), documents.PartBytes/40)
	}
	d := savePages(t, e, "long.txt", pages)
	if !recorded {
		if err := e.Catalog.ForgetTextHash(ctx, d.SHA256); err != nil {
			t.Fatal(err)
		}
	}
	info, err := e.Blobs.Stat(ctx, catalog.TextKey(d.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	store := &countingStore{Store: e.Blobs}
	s := documents.NewService(e.Catalog, store, e.Ingest, e.Search)
	r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	limit := 3 * info.Size / int64(len(pages)) // the page before, the page and a margin
	store.read.Store(0)
	store.stats.Store(0)
	r, err = s.Read(ctx, coordA, d.ID, documents.PageAt{Page: len(pages)}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.Page.Text, "第10页") {
		t.Errorf("last page reads %q…", r.Page.Text[:20])
	}
	r.Close()
	if n := store.read.Load(); n > limit {
		t.Errorf("a view of the last page read %d bytes of a blob of %d, want at most %d", n, info.Size, limit)
	}
	if n := store.stats.Load(); n != 1 {
		t.Errorf("a view of the last page looked up its text blob %d times, want once", n)
	}
	store.read.Store(0)
	tr, err := s.OpenText(ctx, coordA, d.ID, documents.TextRequest{From: len(pages)})
	if err != nil {
		t.Fatal(err)
	}
	for tr.Next() {
		var page []byte
		for cerr := error(nil); cerr == nil; {
			page, cerr = tr.Chunk(page)
		}
	}
	tr.Close()
	if n := store.read.Load(); n > limit {
		t.Errorf("/text?from=%d read %d bytes of a blob of %d, want at most %d", len(pages), n, info.Size, limit)
	}
}

// TestDamagedIndexedTextIsReadFromTheStart: a text damaged after its
// pages were indexed (its blob the same size, its hash still recorded)
// fails to show as a text read from the start does, and its index is
// dropped, not used again.
func TestDamagedIndexedTextIsReadFromTheStart(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := savePages(t, e, "damaged.txt", []string{"目录", strings.Repeat("推进学分银行建设。", 1000), "末页"})
	r, err := e.Documents.Read(ctx, coordA, d.ID, documents.PageAt{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if texts, _ := e.Documents.KeptPageIndexes(); texts != 1 {
		t.Fatalf("kept %d indexes after a view, want 1", texts)
	}
	key := catalog.TextKey(d.SHA256)
	info, err := e.Blobs.Stat(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	junk := strings.Repeat("\x00", int(info.Size))
	if err := e.Blobs.Put(ctx, key, strings.NewReader(junk), info.Size, ""); err != nil {
		t.Fatal(err)
	}
	// Read with no page index: the reading says its text is damaged (the
	// page is shown with its details, without the text).
	fresh, err := documents.NewService(e.Catalog, e.Blobs, e.Ingest, e.Search).Read(ctx, coordA, d.ID, documents.PageAt{Page: 3}, 5)
	if err != nil || fresh.TextDamaged == nil {
		t.Fatalf("a damaged text read from the start: %v, want the reading to say it is damaged", err)
	}
	got, err := e.Documents.Read(ctx, coordA, d.ID, documents.PageAt{Page: 3}, 5)
	if err != nil || got.TextDamaged == nil || got.TextDamaged.Error() != fresh.TextDamaged.Error() || got.Page != nil {
		t.Errorf("damaged text read by its index: %v %+v, want as from the start: %v", err, got, fresh.TextDamaged)
	}
	if texts, _ := e.Documents.KeptPageIndexes(); texts != 0 {
		t.Errorf("kept %d indexes after the damaged text failed to read, want 0", texts)
	}
}

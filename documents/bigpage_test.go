package documents_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/s3gw"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// bigPages is a text of n pages of 312,000 bytes each (two parts a page:
// PartBytes is 256 KB), each beginning 第N页.
func bigPages(n int) []string {
	pages := make([]string, n)
	for i := range pages {
		pages[i] = fmt.Sprintf("第%d页:", i+1) + strings.Repeat("推进学分银行建设,社区学院覆盖全市。", 6000)
	}
	return pages
}

// readPageText reads page n of d's text through s: the document page's
// view and /text's range of that page alone; each must begin 第n页.
func readPageText(t *testing.T, s *documents.Service, d *catalog.Document, n int) {
	t.Helper()
	ctx := context.Background()
	r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: n}, 5)
	if err != nil {
		t.Fatalf("view page %d: %v", n, err)
	}
	want := fmt.Sprintf("第%d页:", n)
	if got := r.Page.Text; !strings.HasPrefix(got, want) {
		t.Errorf("view page %d shows %.30q…, want it to begin %q", n, got, want)
	}
	r.Close()
	tr, err := s.OpenText(ctx, coordA, d.ID, documents.TextRequest{From: n, To: n})
	if err != nil {
		t.Fatalf("/text page %d: %v", n, err)
	}
	defer tr.Close()
	for tr.Next() {
		var page []byte
		var cerr error
		for cerr == nil {
			page, cerr = tr.Chunk(page)
		}
		if !strings.HasPrefix(string(page), want) {
			t.Errorf("/text page %d reads %.30q…, want it to begin %q", tr.Page(), page, want)
		}
	}
}

// testBigPageTransfer: once a big text's pages were indexed (its first
// view reads it through, once), a view of a page in its middle and /text
// of that page alone ask the store for the pages shown (the one before,
// the one shown, the one after), not for the text from there to its end
// nor from its start.
func testBigPageTransfer(t *testing.T, store blob.Store, e *testenv.Env, d *catalog.Document, pages int) {
	ctx := context.Background()
	info, err := store.Stat(ctx, catalog.TextKey(d.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	counted := &countingStore{Store: store}
	s := documents.NewService(e.Catalog, counted, e.Ingest, e.Search)
	// The suggestions, which read the text's head, ranked once before;
	// they ask for its first megabyte, not for the text again: the text,
	// never read before, is read through once to be held to its record
	// (ingest.VerifiedTexts), and that version is not read through again.
	if _, err := s.Suggestions(ctx, coordA, d.ID, 5); err != nil {
		t.Fatal(err)
	}
	if n := counted.asked.Load(); n > info.Size+2<<20 {
		t.Errorf("the suggestions asked the store for %d bytes of a text of %d, want the text checked once and its head (at most 2 MB more)", n, info.Size)
	}
	counted.gets.Store(0)
	readPageText(t, s, d, 1)
	if n := counted.gets.Load(); n != 1 {
		t.Errorf("the first view read the text from its start %d times, want once (to index it)", n)
	}
	perPage := info.Size / int64(pages)
	counted.asked.Store(0)
	counted.read.Store(0)
	counted.gets.Store(0)
	middle := pages / 2
	readPageText(t, s, d, middle)
	// The view: the last part of the page before, the page shown (to
	// where the page after begins); /text: the page. Some 2.2 pages.
	if n, limit := counted.asked.Load(), 5*perPage/2; n > limit {
		t.Errorf("page %d of %d: the store was asked for %d bytes of a text of %d, want at most %d (the pages shown)", middle, pages, n, info.Size, limit)
	}
	if n := counted.gets.Load(); n != 0 {
		t.Errorf("page %d of %d: the text was read from its start %d times, want none", middle, pages, n)
	}
	t.Logf("page %d of a text of %d bytes: %d bytes asked of the store, %d read", middle, info.Size, counted.asked.Load(), counted.read.Load())
}

// TestBigPageAsksForThePagesShown: in the folder store, counted by a store
// wrapped around it.
func TestBigPageAsksForThePagesShown(t *testing.T) {
	e := testenv.New(t)
	const pages = 16
	d := savePages(t, e, "big.txt", bigPages(pages))
	testBigPageTransfer(t, e.Blobs, e, d, pages)
}

// TestBigPageOnS3AsksForThePagesShown: a text of some 30 MB stored on S3
// (a Versity Gateway on loopback) is sent a view the pages shown, not the
// text: what S3 sends is the ranges asked for.
func TestBigPageOnS3AsksForThePagesShown(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	t.Cleanup(g.Close)
	ctx := context.Background()
	s3, err := blob.NewS3(ctx, blob.S3Config{Endpoint: g.Addr, Bucket: "bigpage",
		AccessKey: s3gw.AccessKey, SecretKey: s3gw.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	e := testenv.New(t)
	const pages = 96
	text := bigPages(pages)
	d := savePages(t, e, "big-s3.txt", text)
	// The same text on S3, its hash as recorded.
	if _, err := ingest.SaveText(ctx, s3, d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: text}); err != nil {
		t.Fatal(err)
	}
	if info, err := s3.Stat(ctx, catalog.TextKey(d.SHA256)); err != nil || info.Size < 28<<20 {
		t.Fatalf("text on S3: %+v %v, want some 30 MB", info, err)
	}
	testBigPageTransfer(t, s3, e, d, pages)
}

// TestFirstViewsAtOnceIndexATextOnce: views of a text not yet indexed,
// asked at once, wait for one reading of it that indexes it, rather than
// each reading it through; each shows its page.
func TestFirstViewsAtOnceIndexATextOnce(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	const pages = 12
	d := savePages(t, e, "at-once.txt", bigPages(pages))
	counted := &countingStore{Store: e.Blobs}
	s := documents.NewService(e.Catalog, counted, e.Ingest, e.Search)
	// The suggestions, which read the text's head, ranked once before.
	if _, err := s.Suggestions(ctx, coordA, d.ID, 5); err != nil {
		t.Fatal(err)
	}
	counted.gets.Store(0)
	const views = 8
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([]error, views)
	for i := range views {
		wg.Go(func() {
			<-start
			n := i%pages + 1
			r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: n}, 5)
			if err != nil {
				errs[i] = err
				return
			}
			defer r.Close()
			if want := fmt.Sprintf("第%d页:", n); !strings.HasPrefix(r.Page.Text, want) {
				errs[i] = fmt.Errorf("page %d shows %.30q…, want it to begin %q", n, r.Page.Text, want)
			}
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("view %d: %v", i, err)
		}
	}
	if n := counted.gets.Load(); n != 1 {
		t.Errorf("%d views at once read the text from its start %d times, want once", views, n)
	}
}

// TestTextWrittenAgainOfTheSameSizeIsShownAnew: a text indexed by a view
// and then written again (extracted anew) to other words of the same
// size, its pages beginning elsewhere, is shown as it is now, by the
// document page and by /text: with its new hash recorded, with the old
// one left (the recording failed) and with none ever recorded.
func TestTextWrittenAgainOfTheSameSizeIsShownAnew(t *testing.T) {
	for _, hash := range []string{"recorded anew", "old left", "never recorded"} {
		t.Run(hash, func(t *testing.T) {
			e := testenv.New(t)
			ctx := context.Background()
			body := strings.Repeat("社区学院建设。", 400)
			before := []string{"目录", "第2页:旧稿" + body, "第3页:末页"}
			after := []string{"目录目录", "第2页:" + body, "第3页:末页"} // page 2 begins 6 bytes on
			d := savePages(t, e, "again.txt", before)
			if hash == "never recorded" {
				if err := e.Catalog.ForgetTextHash(ctx, d.SHA256); err != nil {
					t.Fatal(err)
				}
			}
			readPageText(t, e.Documents, d, 2)
			key := catalog.TextKey(d.SHA256)
			old, err := e.Blobs.Stat(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			h, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: after})
			if err != nil {
				t.Fatal(err)
			}
			if h.Size != old.Size {
				t.Fatalf("the text written again is %d bytes, want %d as before", h.Size, old.Size)
			}
			if hash == "recorded anew" {
				if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
					t.Fatal(err)
				}
			}
			for _, n := range []int{2, 3} {
				readPageText(t, e.Documents, d, n)
			}
			r, err := e.Documents.Read(ctx, coordA, d.ID, documents.PageAt{Page: 1}, 5)
			if err != nil {
				t.Fatal(err)
			}
			if r.Page.Text != "目录目录" {
				t.Errorf("page 1 shows %q, want the text written again: 目录目录", r.Page.Text)
			}
			r.Close()
		})
	}
}

// TestFirstViewReadsTheTextOnce: the first view of a big text, which
// indexes its pages, keeps the page it shows and the head its suggestions
// are ranked from as it reads the text through: the store is asked for
// the text once and for nothing more (it read the page shown again, from
// where the new index said it began, and the head again from the start).
// A first view past the last page shows the first page (read again: that
// the page is past the end is known at the text's end), and every view
// gives back what it held of the budget for big texts.
func TestFirstViewReadsTheTextOnce(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	const pages = 12
	for _, tt := range []struct {
		name       string
		ask, shown int
	}{
		{"第7页", 7, 7},
		{"第99页（超出末页）", 99, 1},
	} {
		d := savePages(t, e, tt.name+".txt", bigPages(pages))
		info, err := e.Blobs.Stat(ctx, catalog.TextKey(d.SHA256))
		if err != nil {
			t.Fatal(err)
		}
		counted := &countingStore{Store: e.Blobs}
		s := documents.NewService(e.Catalog, counted, e.Ingest, e.Search)
		const budget = 256 << 20
		s.SetTextBudget(budget)
		r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: tt.ask}, 5)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if want := fmt.Sprintf("第%d页:", tt.shown); !strings.HasPrefix(r.Page.Text, want) {
			t.Errorf("%s shows %.30q…, want it to begin %q", tt.name, r.Page.Text, want)
		}
		if !slices.ContainsFunc(r.Suggestions, func(sg search.Suggestion) bool { return sg.Code == "2.3.1" }) {
			t.Errorf("%s: suggestions %+v, want 2.3.1 (学分银行) among them", tt.name, r.Suggestions)
		}
		if r.Page.Count != pages || r.Page.Parts != 2 || r.Page.Number != tt.shown {
			t.Errorf("%s: page %d of %d, %d parts; want page %d of %d, 2 parts", tt.name, r.Page.Number, r.Page.Count, r.Page.Parts, tt.shown, pages)
		}
		r.Close()
		n, g := counted.asked.Load(), counted.gets.Load()
		if g != 1 {
			t.Errorf("%s: the first view read the text from the start %d times, want once", tt.name, g)
		}
		if past := tt.ask != tt.shown; !past && n != info.Size {
			t.Errorf("%s: the first view asked the store for %d bytes, want the text's %d and nothing more", tt.name, n, info.Size)
		} else if past && n <= info.Size {
			// That the page asked is past the end is known only at the
			// text's end: the first page is then read again.
			t.Errorf("%s: the first view asked the store for %d bytes, want more than the text's %d: the first page read again", tt.name, n, info.Size)
		}
		release, err := s.LendText(budget, budget)
		if err != nil {
			t.Fatalf("%s: the view kept part of the budget: %v", tt.name, err)
		}
		release()
	}
}

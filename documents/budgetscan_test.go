package documents_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// pausedTexts is a store whose first text read whole (Get) pauses
// before the bytes of each marker: it says so on paused and goes on when
// resume is sent. Later readings do not pause.
type pausedTexts struct {
	blob.Store
	markers        []string
	paused, resume chan struct{}
	once           sync.Once
}

func (p *pausedTexts) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	rc, err := p.Store.Get(ctx, key)
	if err != nil || !strings.HasPrefix(key, "text/") {
		return rc, err
	}
	first := false
	p.once.Do(func() { first = true })
	if !first {
		return rc, nil
	}
	defer rc.Close()
	body, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	r := &pausedReader{ctx: ctx, p: p}
	for _, m := range p.markers {
		cut := max(bytes.Index(body, []byte(m)), 0)
		r.parts, body = append(r.parts, body[:cut]), body[cut:]
	}
	r.parts = append(r.parts, body)
	return r, nil
}

type pausedReader struct {
	ctx   context.Context
	p     *pausedTexts
	parts [][]byte // what is left to give before each pause
}

func (r *pausedReader) Read(b []byte) (int, error) {
	for len(r.parts) > 1 && len(r.parts[0]) == 0 {
		r.parts = r.parts[1:]
		select {
		case r.p.paused <- struct{}{}:
		case <-r.ctx.Done():
			return 0, r.ctx.Err()
		}
		select {
		case <-r.p.resume:
		case <-r.ctx.Done():
			return 0, r.ctx.Err()
		}
	}
	if len(r.parts[0]) == 0 {
		return 0, io.EOF
	}
	n := copy(b, r.parts[0])
	r.parts[0] = r.parts[0][n:]
	return n, nil
}

func (r *pausedReader) Close() error { return nil }

// TestFirstViewOutOfBudgetMidScanStillShowsItsPage: when the budget for
// big texts runs out while the first view's build reads the text
// through (another view holds most of it from 第7页 to 第12页),
// the build gives back what it kept, finishes the index, and the view
// reads page 7 from it once the budget is free again; at the end all of
// the budget can be lent again.
func TestFirstViewOutOfBudgetMidScanStillShowsItsPage(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := savePages(t, e, "预算不足.txt", bigPages(12))
	info, err := e.Blobs.Stat(ctx, catalog.TextKey(d.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	paused := &pausedTexts{Store: e.Blobs, markers: []string{"第7页:", "第12页:"}, paused: make(chan struct{}), resume: make(chan struct{})}
	counted := &countingStore{Store: paused}
	s := documents.NewService(e.Catalog, counted, e.Ingest, e.Search)
	defer s.Close()
	const budget = 4 << 20
	s.SetTextBudget(budget)
	type shown struct {
		r   *documents.Reading
		err error
	}
	done := make(chan shown, 1)
	go func() {
		r, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: 7}, 0)
		done <- shown{r, err}
	}()
	within(t, paused.paused, "pause before 第7页")
	other, err := s.LendText(2<<20, 2<<20)
	if err != nil {
		t.Fatalf("another view's lend: %v", err)
	}
	paused.resume <- struct{}{}
	within(t, paused.paused, "pause before 第12页")
	other()
	paused.resume <- struct{}{}
	got := <-done
	if got.err != nil {
		t.Fatalf("the first view out of budget mid-scan: %v", got.err)
	}
	if !strings.HasPrefix(got.r.Page.Text, "第7页:") || got.r.Page.Number != 7 {
		t.Errorf("the first view shows page %d, %.30q…, want 第7页", got.r.Page.Number, got.r.Page.Text)
	}
	got.r.Close()
	if n := counted.asked.Load(); n <= info.Size {
		t.Errorf("the store was asked for %d bytes, want more than the text's %d: page 7 read again from the index", n, info.Size)
	}
	release, err := s.LendText(budget, budget)
	if err != nil {
		t.Fatalf("the view kept part of the budget: %v", err)
	}
	release()
}

package documents_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// stuckTexts is a store whose texts, read whole (Get: what a page index
// is built from), read nothing until the reading's context ends; it
// counts the readings open, the most ever open at once, and all opened.
type stuckTexts struct {
	blob.Store
	mu             sync.Mutex
	open, most     int
	opened         int
	began, stopped chan struct{} // one value each reading that began or closed
}

func (s *stuckTexts) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if !strings.HasPrefix(key, "text/") {
		return s.Store.Get(ctx, key)
	}
	s.mu.Lock()
	s.open++
	s.opened++
	s.most = max(s.most, s.open)
	s.mu.Unlock()
	s.began <- struct{}{}
	return &stuckReader{ctx: ctx, s: s}, nil
}

func (s *stuckTexts) counts() (open, most, opened int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open, s.most, s.opened
}

type stuckReader struct {
	ctx    context.Context
	s      *stuckTexts
	closed bool
}

func (r *stuckReader) Read([]byte) (int, error) {
	<-r.ctx.Done()
	return 0, r.ctx.Err()
}

func (r *stuckReader) Close() error {
	if !r.closed {
		r.closed = true
		r.s.mu.Lock()
		r.s.open--
		r.s.mu.Unlock()
		r.s.stopped <- struct{}{}
	}
	return nil
}

// within waits for a value of c, failing the test when there is none in
// a minute (a hang, not a measure of speed).
func within(t *testing.T, c <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(time.Minute):
		t.Fatalf("no %s in a minute", what)
	}
}

// TestIndexBuildsAreBoundedAndEndWithTheirViewers: first views of many
// texts build at most two page indexes at once; a build ends when the
// last view waiting for it leaves, and none outlives Close.
func TestIndexBuildsAreBoundedAndEndWithTheirViewers(t *testing.T) {
	t.Run("the viewer leaves", func(t *testing.T) {
		e := testenv.New(t)
		d := savePages(t, e, "left.txt", []string{"第1页:社区学院", "第2页:学分银行"})
		stuck := &stuckTexts{Store: e.Blobs, began: make(chan struct{}, 16), stopped: make(chan struct{}, 16)}
		s := documents.NewService(e.Catalog, stuck, e.Ingest, e.Search)
		defer s.Close()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: 1}, 0)
			done <- err
		}()
		within(t, stuck.began, "reading of the text")
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("the view left: %v, want context.Canceled", err)
		}
		// The build, left by its only viewer, ends: its reading closes.
		within(t, stuck.stopped, "end of the reading left")
		if open, _, _ := stuck.counts(); open != 0 {
			t.Errorf("%d readings open after the viewer left, want none", open)
		}
	})
	t.Run("the viewer that began it leaves, another stays", func(t *testing.T) {
		e := testenv.New(t)
		d := savePages(t, e, "left-joined.txt", []string{"第1页:社区学院", "第2页:学分银行"})
		held := &heldTexts{Store: e.Blobs, stuck: make(chan struct{}, 1), gate: make(chan struct{})}
		s := documents.NewService(e.Catalog, held, e.Ingest, e.Search)
		defer s.Close()
		const budget = 256 << 20
		s.SetTextBudget(budget)
		ctx, cancel := context.WithCancel(context.Background())
		left := make(chan error, 1)
		go func() {
			_, err := s.Read(ctx, coordA, d.ID, documents.PageAt{Page: 1}, 0)
			left <- err
		}()
		// The build has kept page 1 for the view that began it.
		within(t, held.stuck, "reading held after page 1")
		type shown struct {
			r   *documents.Reading
			err error
		}
		stays := make(chan shown, 1)
		go func() {
			r, err := s.Read(context.Background(), coordA, d.ID, documents.PageAt{Page: 1}, 0)
			stays <- shown{r, err}
		}()
		for end := time.Now().Add(time.Minute); s.BuildWaiters() < 2; runtime.Gosched() {
			if time.Now().After(end) {
				t.Fatal("the second view did not join the build in a minute")
			}
		}
		cancel()
		if err := <-left; !errors.Is(err, context.Canceled) {
			t.Errorf("the view left: %v, want context.Canceled", err)
		}
		close(held.gate)
		got := <-stays
		if got.err != nil {
			t.Fatalf("the view that stayed: %v", got.err)
		}
		if !strings.HasPrefix(got.r.Page.Text, "第1页:社区学院") {
			t.Errorf("the view that stayed shows %q, want 第1页:社区学院", got.r.Page.Text)
		}
		got.r.Close()
		// What the build kept for the view that left is given back.
		release, err := s.LendText(budget, budget)
		if err != nil {
			t.Fatalf("the page kept for the view that left was not given back: %v", err)
		}
		release()
	})
	t.Run("many texts, then Close", func(t *testing.T) {
		e := testenv.New(t)
		const texts = 6
		docs := make([]*catalog.Document, texts)
		for i := range docs {
			docs[i] = savePages(t, e, fmt.Sprintf("t%d.txt", i), []string{fmt.Sprintf("第1页:学习型城市%d", i), "第2页:社区教育"})
		}
		stuck := &stuckTexts{Store: e.Blobs, began: make(chan struct{}, 16), stopped: make(chan struct{}, 16)}
		s := documents.NewService(e.Catalog, stuck, e.Ingest, e.Search)
		var wg sync.WaitGroup
		errs := make([]error, texts)
		for i, d := range docs {
			wg.Go(func() {
				_, errs[i] = s.Read(context.Background(), coordA, d.ID, documents.PageAt{Page: 1}, 0)
			})
		}
		within(t, stuck.began, "first reading")
		within(t, stuck.began, "second reading")
		s.Close()
		wg.Wait()
		open, most, opened := stuck.counts()
		if most > 2 || opened > 2 {
			t.Errorf("%d texts' first views read %d at once (%d in all), want at most 2", texts, most, opened)
		}
		if open != 0 {
			t.Errorf("%d readings open after Close, want none", open)
		}
		for i, err := range errs {
			if err == nil {
				t.Errorf("view %d shown though its index was never built", i)
			}
		}
		// No build after Close.
		if _, err := s.Read(context.Background(), coordA, docs[0].ID, documents.PageAt{Page: 1}, 0); err == nil {
			t.Error("a view after Close built an index")
		}
		if _, _, n := stuck.counts(); n != opened {
			t.Errorf("%d readings after Close, want none", n-opened)
		}
	})
}

// heldTexts is a store whose texts, read whole, give their bytes up to
// the words of the second page (学分银行), say so on stuck and give the
// rest once gate is closed.
type heldTexts struct {
	blob.Store
	stuck, gate chan struct{}
}

func (h *heldTexts) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	rc, err := h.Store.Get(ctx, key)
	if err != nil || !strings.HasPrefix(key, "text/") {
		return rc, err
	}
	defer rc.Close()
	body, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	cut := max(bytes.Index(body, []byte("学分银行")), 0)
	return &heldReader{ctx: ctx, h: h, before: body[:cut], after: body[cut:]}, nil
}

type heldReader struct {
	ctx           context.Context
	h             *heldTexts
	before, after []byte
	waited        bool
}

func (r *heldReader) Read(b []byte) (int, error) {
	if len(r.before) > 0 {
		n := copy(b, r.before)
		r.before = r.before[n:]
		return n, nil
	}
	if !r.waited {
		r.waited = true
		select {
		case r.h.stuck <- struct{}{}:
		default:
		}
		select {
		case <-r.h.gate:
		case <-r.ctx.Done():
			return 0, r.ctx.Err()
		}
	}
	if len(r.after) == 0 {
		return 0, io.EOF
	}
	n := copy(b, r.after)
	r.after = r.after[n:]
	return n, nil
}

func (r *heldReader) Close() error { return nil }

// panicky is a store whose texts, read whole, give their bytes up to
// the words of the second page (学分银行) and then panic.
type panicky struct{ blob.Store }

func (p panicky) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	rc, err := p.Store.Get(ctx, key)
	if err != nil || !strings.HasPrefix(key, "text/") {
		return rc, err
	}
	defer rc.Close()
	body, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return &panicReader{left: body[:max(bytes.Index(body, []byte("学分银行")), 0)]}, nil
}

type panicReader struct{ left []byte }

func (r *panicReader) Read(b []byte) (int, error) {
	if len(r.left) == 0 {
		panic("读取失败")
	}
	n := copy(b, r.left)
	r.left = r.left[n:]
	return n, nil
}

func (r *panicReader) Close() error { return nil }

// TestPanicBuildingAPageIndexIsTheViewsError: a panic while a page index
// is built (here the text's reader's, once it has given the page asked
// and the head) fails the view, as a panic in the request's own
// goroutine would be, leaves the server running and gives back what the
// view held of the budget for big texts.
func TestPanicBuildingAPageIndexIsTheViewsError(t *testing.T) {
	e := testenv.New(t)
	d := savePages(t, e, "panic.txt", []string{"第1页:社区学院", "第2页:学分银行"})
	s := documents.NewService(e.Catalog, panicky{e.Blobs}, e.Ingest, e.Search)
	defer s.Close()
	const budget = 256 << 20
	s.SetTextBudget(budget)
	_, err := s.Read(context.Background(), coordA, d.ID, documents.PageAt{Page: 1}, 0)
	if err == nil || !strings.Contains(err.Error(), "panic") {
		t.Errorf("view of a text whose reading panics: %v, want an error naming the panic", err)
	}
	release, err := s.LendText(budget, budget)
	if err != nil {
		t.Fatalf("the view whose build panicked kept part of the budget: %v", err)
	}
	release()
}

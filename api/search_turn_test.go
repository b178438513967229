package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// stalledWriter is a connection whose client has stopped reading: its
// Write waits until released.
type stalledWriter struct {
	header  http.Header
	writing chan struct{}
	release chan struct{}
}

func (s *stalledWriter) Header() http.Header { return s.header }
func (s *stalledWriter) WriteHeader(int)     {}
func (s *stalledWriter) Write(p []byte) (int, error) {
	select {
	case s.writing <- struct{}{}:
	default:
	}
	<-s.release
	return len(p), nil
}

// TestASearchAnswerWrittenToASlowClientHoldsNoTurn: searches take turns
// (search.Service.Turn), but a search's answer is written after its
// turn: with one turn, a client that stops reading its answer keeps no
// other expert from searching.
func TestASearchAnswerWrittenToASlowClientHoldsNoTurn(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "2018年工作总结.txt", testenv.WorkSummary)
	e.deps.Search.SetTurns(1)
	h := NewHandler(e.deps)

	slow := &stalledWriter{header: http.Header{}, writing: make(chan struct{}, 1), release: make(chan struct{})}
	req := httptest.NewRequest("GET", "/api/v1/search?q=学分银行", nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens["expert"])
	served := make(chan struct{})
	go func() {
		defer close(served)
		h.ServeHTTP(slow, req)
	}()
	defer func() {
		close(slow.release)
		<-served
	}()
	select {
	case <-slow.writing:
	case <-time.After(30 * time.Second):
		t.Fatal("the first search never wrote its answer")
	}

	answered := make(chan int, 1)
	go func() {
		resp, _ := e.do(e.request("GET", "/api/v1/search?q=学分银行", nil), "expert")
		answered <- resp.StatusCode
	}()
	select {
	case code := <-answered:
		if code != http.StatusOK {
			t.Errorf("a second search while the first's client stalled: %d, want 200", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("a second search waited for the turn of a search whose client stopped reading")
	}
}

// wrappedIndex is an index.Index embedded under a name that is not one
// of its methods'.
type wrappedIndex = index.Index

// panickingIndex panics in as many searches as panics says, as a bug in
// a search would, and then searches as the index it wraps does.
type panickingIndex struct {
	wrappedIndex
	panics atomic.Int32
}

func (p *panickingIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	if p.panics.Add(-1) >= 0 {
		panic("检索出错")
	}
	return p.wrappedIndex.Search(ctx, q)
}

// TestASearchThatPanicsGivesItsTurnBack: a search that panics is
// answered 500 by the recoverer, and its turn is given back: with one
// turn, the next expert's search is answered, where it waited for a
// turn no one would give back (every later search refused after 30 s,
// until the server restarted).
func TestASearchThatPanicsGivesItsTurnBack(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "2018年工作总结.txt", testenv.WorkSummary)
	idx := &panickingIndex{wrappedIndex: e.te.Index}
	idx.panics.Store(1)
	e.deps.Search = search.NewService(idx, e.cat)
	e.deps.Search.SetTurns(1)
	h := NewHandler(e.deps)
	searchOnce := func() int {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		req := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/search?q=学分银行", nil)
		req.Header.Set("Authorization", "Bearer "+e.tokens["expert"])
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := searchOnce(); code != http.StatusInternalServerError {
		t.Fatalf("a search that panics: %d, want 500", code)
	}
	if code := searchOnce(); code != http.StatusOK {
		t.Errorf("the next search after one that panicked: %d, want 200 (its turn given back)", code)
	}
}

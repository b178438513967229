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

	if code := e.statusWithin(t, "/api/v1/search?q=学分银行", 15*time.Second); code != http.StatusOK {
		t.Errorf("a second search while the first's client stalled: %d, want 200", code)
	}
}

// statusWithin is the status of an expert's GET of path, or 0 when no
// answer came within limit (the test goroutine waits; the request's own
// goroutine calls no t method).
func (e *env) statusWithin(t *testing.T, path string, limit time.Duration) int {
	t.Helper()
	req := e.request("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens["expert"])
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- -1
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	select {
	case code := <-answered:
		return code
	case <-time.After(limit):
		t.Errorf("GET %s: no answer within %s", path, limit)
		return 0
	}
}

// TestARefusedSearchWaitsForNoTurn: a search whose parameters are wrong
// is refused (400) at once, even with every turn taken.
func TestARefusedSearchWaitsForNoTurn(t *testing.T) {
	e := newEnv(t)
	e.deps.Search.SetTurns(1)
	_, done, err := e.deps.Search.Turn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if code := e.statusWithin(t, "/api/v1/search?q=学分银行&size=0", 10*time.Second); code != http.StatusBadRequest {
		t.Errorf("size=0 with every turn taken: %d, want 400 at once", code)
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

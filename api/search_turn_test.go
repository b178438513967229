package api

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/testenv"
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

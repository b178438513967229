package search

import (
	"context"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// searchTurns takes searches a few at a time, in order of arrival. With
// thirty-two searches at once on two cores, each shares the cores with
// all the others, so a search that needs a few milliseconds of CPU waits
// behind slices of every other one, and the connections' own work
// (reading the next request, writing an answer) waits behind them all:
// that is where make load's slowest searches were. Taken a few at a time,
// each search is done in about the time it computes and the next one
// begins; the wait moves to the queue, where it is paid in order instead
// of by whoever the scheduler happens to leave for last (bench/README.md,
// "Session 59").
type searchTurns struct {
	slots chan struct{}
	wait  time.Duration
}

// turnWait is how long a search waits for its turn before it is refused
// as unavailable (index.BusyError, with advice to try again).
const turnWait = 30 * time.Second

// defaultTurns is how many searches run at once when serve is not told:
// three times the Ps of the server's own goroutines, so that one search's
// catalog read or write to its connection leaves the core to another, and
// a search whose result is kept is not held behind those Bleve computes
// after an index batch, which the index's computing slots bound at twice
// the Ps: with as many turns as computing slots, the burst of computed
// searches after each batch held every search (make load, idle, session
// 60: p99 205–218 ms with three times the Ps against 221–262 with twice,
// bench/README.md).
func defaultTurns() int { return 3 * lowprio.Procs() }

// SetTurns sets how many searches run at once (EVIDENCE_SEARCH_SLOTS);
// n ≤ 0 is the default. Call it before the service is used.
func (s *Service) SetTurns(n int) {
	if n <= 0 {
		n = defaultTurns()
	}
	s.turns = searchTurns{slots: make(chan struct{}, n), wait: turnWait}
}

// inTurnKey marks a context whose search holds its turn: a search run
// inside another (a page's versions, an export's pages) goes on in its
// caller's turn instead of waiting for a second one, which with every
// turn held by callers would never come.
type inTurnKey struct{}

// Turn waits for a search's turn, in order of arrival, and returns the
// context to search with and the function that ends the turn, which
// ends it once however often it is called: a caller may defer it, so
// that a panic gives the turn back too, and call it early. A caller
// that takes its turn itself (an HTTP handler, so that the answer is
// encoded in its turn but written to a slow connection after it) passes
// the context on to Search, which then takes no other.
func (s *Service) Turn(ctx context.Context) (context.Context, func(), error) {
	if ctx.Value(inTurnKey{}) != nil || s.turns.slots == nil {
		return ctx, func() {}, nil
	}
	t := s.turns
	select {
	case t.slots <- struct{}{}:
		return context.WithValue(ctx, inTurnKey{}, true), sync.OnceFunc(t.leave), nil
	default:
	}
	timer := time.NewTimer(t.wait)
	defer timer.Stop()
	select {
	case t.slots <- struct{}{}:
		return context.WithValue(ctx, inTurnKey{}, true), sync.OnceFunc(t.leave), nil
	case <-ctx.Done():
		return ctx, nil, ctx.Err()
	case <-timer.C:
		return ctx, nil, index.BusyError(t.wait)
	}
}

func (t searchTurns) leave() { <-t.slots }

package extract

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// stretchable is a context whose deadline can move out while it runs: an
// extraction starts with Limits.Timeout and grants itself more time when it
// learns how many pages it must OCR (extendDeadline). A context.WithTimeout
// cannot do this, and a fixed timeout large enough for a 100-page scan would
// let a stuck PDF library hold a job for an hour.
type stretchable struct {
	context.Context // cancelled when the deadline passes

	cancel  context.CancelFunc
	start   time.Time
	expired atomic.Bool

	mu     sync.Mutex
	at     time.Time
	timer  *time.Timer
	credit time.Duration // extensions granted before, not granted again
}

type stretchKey struct{}

// withStretchableTimeout is context.WithTimeout whose deadline
// extendDeadline can move.
func withStretchableTimeout(parent context.Context, d time.Duration) (*stretchable, context.CancelFunc) {
	return withStretchableSince(parent, time.Now(), d, 0)
}

// withStretchableSince is withStretchableTimeout for a reading that
// started at start (an earlier attempt's time counts), whose first credit
// of extensions were granted already and do not move the deadline.
func withStretchableSince(parent context.Context, start time.Time, d, credit time.Duration) (*stretchable, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	s := &stretchable{Context: ctx, cancel: cancel, start: start, credit: credit}
	s.at = s.start.Add(d)
	s.timer = time.AfterFunc(max(time.Until(s.at), 0), func() {
		// An extension granted while this call was on its way has moved
		// the deadline and re-armed the timer: this firing is stale.
		s.mu.Lock()
		stale := time.Now().Before(s.at)
		if !stale {
			s.expired.Store(true)
		}
		s.mu.Unlock()
		if !stale {
			cancel()
		}
	})
	return s, func() {
		s.timer.Stop()
		cancel()
	}
}

// Deadline reports the current deadline, or the parent's if that is
// earlier.
func (s *stretchable) Deadline() (time.Time, bool) {
	s.mu.Lock()
	at := s.at
	s.mu.Unlock()
	if p, ok := s.Context.Deadline(); ok && p.Before(at) {
		return p, true
	}
	return at, true
}

// Err reports context.DeadlineExceeded once our own deadline has passed.
// The timer that cancels it may run late on a loaded machine: a deadline
// already passed is expired here, on the spot, so that an extraction that
// asks is never told it still has time.
func (s *stretchable) Err() error {
	err := s.Context.Err()
	if err == nil {
		s.mu.Lock()
		passed := !time.Now().Before(s.at)
		if passed {
			s.expired.Store(true)
		}
		s.mu.Unlock()
		if passed {
			s.cancel()
			return context.DeadlineExceeded
		}
	}
	if err != nil && s.expired.Load() {
		return context.DeadlineExceeded
	}
	return err
}

// Value lets extendDeadline find s through the contexts derived from it.
func (s *stretchable) Value(key any) any {
	if key == (stretchKey{}) {
		return s
	}
	return s.Context.Value(key)
}

// budget is the total time granted so far.
func (s *stretchable) budget() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.at.Sub(s.start)
}

func (s *stretchable) extend(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.expired.Load() {
		return // too late: whoever waits has already given up
	}
	taken := min(d, s.credit)
	s.credit -= taken
	if d -= taken; d <= 0 {
		return
	}
	s.at = s.at.Add(d)
	s.timer.Reset(time.Until(s.at))
	if notify, ok := s.Context.Value(extendNotifyKey{}).(func(time.Duration)); ok {
		notify(d)
	}
}

// extendNotifyKey carries a function told of every extension, so that a
// sandboxed extraction can grant its parent's timer the same time.
type extendNotifyKey struct{}

// extendDeadline moves the deadline of the extraction that ctx belongs to
// out by d. Contexts derived from ctx before the call keep their own
// deadlines; derive per-page contexts after it. Outside Extract it does
// nothing.
func extendDeadline(ctx context.Context, d time.Duration) {
	if s, ok := ctx.Value(stretchKey{}).(*stretchable); ok {
		s.extend(d)
	}
}

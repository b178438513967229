package extract

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

// TestStretchableDeadline runs in a synctest bubble, whose clock moves
// only when every goroutine in it waits: a loaded machine that stalls the
// test between starting the clock and extending it (past the first
// 100 ms, which expired it before it was extended) or before it looks
// cannot move the deadline, so the expiry is checked to the nanosecond.
func TestStretchableDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		ctx, cancel := withStretchableTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		extendDeadline(context.WithValue(ctx, struct{}{}, 1), 300*time.Millisecond) // found through a derived context
		if got := ctx.budget(); got != 400*time.Millisecond {
			t.Fatalf("budget %v after extending, want 400ms", got)
		}
		time.Sleep(200 * time.Millisecond) // past the first deadline
		if err := ctx.Err(); err != nil {
			t.Fatalf("expired after %v although extended to 400ms: %v", time.Since(start), err)
		}
		<-ctx.Done()
		if took := time.Since(start); took != 400*time.Millisecond {
			t.Fatalf("expired after %v, want at the extended deadline, 400ms", took)
		}
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Fatalf("err %v, want DeadlineExceeded", ctx.Err())
		}
	})
}

// A deadline already passed is reported at once, before the timer that
// cancels the context has had its turn (late on a loaded machine).
func TestStretchableDeadlinePassedBeforeItsTimer(t *testing.T) {
	ctx, cancel := withStretchableTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	for ctx.start.Add(time.Nanosecond).After(time.Now()) {
	}
	if err := ctx.Err(); err != context.DeadlineExceeded {
		t.Fatalf("1 ns past: Err %v, want context.DeadlineExceeded", err)
	}
	select {
	case <-ctx.Done():
	default:
		t.Fatal("an expired deadline left Done open")
	}
}

package extract

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestStretchableDeadline(t *testing.T) {
	start := time.Now()
	ctx, cancel := withStretchableTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	extendDeadline(context.WithValue(ctx, struct{}{}, 1), 300*time.Millisecond) // found through a derived context
	if got := ctx.budget(); got != 400*time.Millisecond {
		t.Fatalf("budget %v after extending, want 400ms", got)
	}
	time.Sleep(200 * time.Millisecond) // past the first deadline
	// Expired, and the clock read after it says before 400 ms: early.
	// A machine too loaded to look before 400 ms cannot tell, and does
	// not fail.
	err := ctx.Err()
	if took := time.Since(start); err != nil && took < 400*time.Millisecond {
		t.Fatalf("expired after %v although extended to 400ms: %v", took, err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(time.Minute):
		t.Fatal("never expired")
	}
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("err %v, want DeadlineExceeded", ctx.Err())
	}
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

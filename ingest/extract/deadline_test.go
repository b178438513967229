package extract

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestStretchableDeadline(t *testing.T) {
	ctx, cancel := withStretchableTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	extendDeadline(context.WithValue(ctx, struct{}{}, 1), 300*time.Millisecond) // found through a derived context
	if got := ctx.budget(); got != 400*time.Millisecond {
		t.Fatalf("budget %v after extending, want 400ms", got)
	}
	time.Sleep(200 * time.Millisecond)
	if err := ctx.Err(); err != nil {
		t.Fatalf("expired after 200ms although extended to 400ms: %v", err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(2 * time.Second):
		t.Fatal("never expired")
	}
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("err %v, want DeadlineExceeded", ctx.Err())
	}
}

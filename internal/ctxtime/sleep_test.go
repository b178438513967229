package ctxtime_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/ctxtime"
)

// TestSleepEndsWithItsContext: a pause whose context is cancelled ends
// with the context's error, however long it was to wait; one that waits
// its time returns nil.
func TestSleepEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ctxtime.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
	if err := ctxtime.Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("waited: %v, want nil", err)
	}
}

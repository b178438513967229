package ctxtime

import (
	"context"
	"time"
)

// Sleep waits d, or until ctx ends, and then returns ctx's error; nil
// when it waited d.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

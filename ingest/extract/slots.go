package extract

import (
	"context"
	"fmt"
	"time"
)

// slots is the channel *p of n tokens, made at its first use: the bound
// is read once, so that tokens taken are always given back to the
// channel they came from.
func (s *Sandbox) slots(p *chan struct{}, n int) chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if *p == nil {
		*p = make(chan struct{}, n)
	}
	return *p
}

// waitSlot takes a token of slots and returns the call that gives it
// back: at once when one is free, else when one is freed within wait.
// Past wait it returns busy(), and ctx's error when ctx ends first (a
// request given up frees its place in the queue at once).
func waitSlot(ctx context.Context, slots chan struct{}, wait time.Duration, what string, busy func() error) (func(), error) {
	release := func() { <-slots }
	select {
	case slots <- struct{}{}:
		return release, nil
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for %s: %w", what, ctx.Err())
	case <-t.C:
		return nil, busy()
	}
}

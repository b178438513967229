package auth

import (
	"context"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestTurnsRefuseABurstBeyondTheirQueue: attempts from one address beyond
// those holding or awaiting its turn are refused at once as too many,
// and the address is forgotten once all have left.
func TestTurnsRefuseABurstBeyondTheirQueue(t *testing.T) {
	var turns addressTurns
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	release, err := turns.take(ctx, "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	left := make(chan error, maxWaitingLogins)
	for range maxWaitingLogins - 1 {
		go func() {
			_, err := turns.take(ctx, "10.0.0.1")
			left <- err
		}()
	}
	waiting := func() int {
		turns.mu.Lock()
		defer turns.mu.Unlock()
		if at := turns.busy["10.0.0.1"]; at != nil {
			return at.waiting
		}
		return 0
	}
	for deadline := time.Now().Add(time.Minute); waiting() < maxWaitingLogins; {
		if time.Now().After(deadline) {
			t.Fatalf("%d attempts waiting, want %d", waiting(), maxWaitingLogins)
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := turns.take(ctx, "10.0.0.1"); catalog.ErrorCode(err) != catalog.ETHROTTLED {
		t.Errorf("one attempt more than the queue holds: %v, want ETHROTTLED", err)
	}
	if done, err := turns.take(ctx, "10.0.0.2"); err != nil {
		t.Errorf("another address waits behind this one's queue: %v", err)
	} else {
		done()
	}
	cancel()
	for range maxWaitingLogins - 1 {
		if err := <-left; err == nil {
			t.Errorf("a waiting attempt got the turn while it was held")
		}
	}
	release()
	if n := len(turns.busy); n != 0 {
		t.Errorf("%d addresses remembered after every attempt left", n)
	}
}

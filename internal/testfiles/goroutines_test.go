package testfiles

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// waitInLine blocks until its line is let go: a function the test can
// find on goroutines' stacks.
//
//go:noinline
func waitInLine(line chan string, name string) string {
	return <-line + name
}

// TestWaitInsideCountsGoroutinesThatReachedAFunction: WaitInside returns
// once every goroutine started has reached the function it names, and
// again once they have all left it.
func TestWaitInsideCountsGoroutinesThatReachedAFunction(t *testing.T) {
	line := make(chan string)
	done := make(chan string, 3)
	for _, name := range []string{"杭州市", "宁波市", "温州市"} {
		go func() { done <- waitInLine(line, name) }()
	}
	WaitInside(t, "testfiles.waitInLine", 3)
	for range 3 {
		line <- "学分银行:"
	}
	for range 3 {
		<-done
	}
	WaitInside(t, "testfiles.waitInLine", 0)
}

// spinThenWait runs until go is set, then blocks on line: a goroutine
// inside it is first busy, then waiting.
//
//go:noinline
func spinThenWait(started, goOn *atomic.Bool, line chan string) string {
	started.Store(true)
	for !goOn.Load() {
	}
	return <-line
}

// TestWaitBlockedInCountsOnlyGoroutinesWaiting: a goroutine that has
// entered a function but is still busy in it is inside it, not blocked
// there; once it waits on a channel it is.
func TestWaitBlockedInCountsOnlyGoroutinesWaiting(t *testing.T) {
	var started, goOn atomic.Bool
	line := make(chan string)
	done := make(chan string)
	go func() { done <- spinThenWait(&started, &goOn, line) }()
	for !started.Load() {
		runtime.Gosched()
	}
	buf := make([]byte, 1<<20)
	if n := blockedIn(string(buf[:runtime.Stack(buf, true)]), "testfiles.spinThenWait"); n != 0 {
		t.Fatalf("a goroutine busy in spinThenWait counted as blocked there (%d)", n)
	}
	WaitInside(t, "testfiles.spinThenWait", 1)
	goOn.Store(true)
	WaitBlockedIn(t, "testfiles.spinThenWait", 1)
	line <- "社区学校"
	if got := <-done; got != "社区学校" {
		t.Fatalf("got %q", got)
	}
	WaitBlockedIn(t, "testfiles.spinThenWait", 0)
}

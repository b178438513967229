package testfiles

import (
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

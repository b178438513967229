package testfiles

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// WaitInside waits until exactly n goroutines have function (as a stack
// trace names it, such as "ingest.(*Service).AdmitUpload") on their
// stacks: goroutines that reached a wait, seen rather than guessed from a
// pause that a loaded machine may not give them enough of. A minute
// bounds the wait for goroutines that never get there.
func WaitInside(t testing.TB, function string, n int) {
	t.Helper()
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		stacks := buf[:runtime.Stack(buf, true)]
		got := strings.Count(string(stacks), function+"(")
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines in %s after a minute, want %d", got, function, n)
		}
	}
}

// WaitBlockedIn waits until exactly n goroutines are blocked (parked on a
// channel, a lock, a select or a sleep, not running or runnable) with
// function on their stacks. WaitInside counts a goroutine as soon as it
// has entered function; on a loaded machine it may be preempted there
// before it reaches the wait inside, so a test that needs the goroutine
// to have taken its place in a line (a channel's queue of senders) waits
// for it to be blocked there. A minute bounds the wait.
func WaitBlockedIn(t testing.TB, function string, n int) {
	t.Helper()
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		got := blockedIn(string(buf[:runtime.Stack(buf, true)]), function)
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines blocked in %s after a minute, want %d", got, function, n)
		}
	}
}

// blockedIn counts the goroutines of a runtime.Stack dump that are
// blocked with function on their stacks. Each goroutine's trace starts
// "goroutine 7 [chan send]:"; running, runnable and syscall are the
// states of one that is not waiting for anything.
func blockedIn(stacks, function string) int {
	n := 0
	for g := range strings.SplitSeq(stacks, "\n\n") {
		head, _, _ := strings.Cut(g, "\n")
		_, state, _ := strings.Cut(head, "[")
		if strings.HasPrefix(state, "running") || strings.HasPrefix(state, "runnable") || strings.HasPrefix(state, "syscall") {
			continue
		}
		if strings.Contains(g, function+"(") {
			n++
		}
	}
	return n
}

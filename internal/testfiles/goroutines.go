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

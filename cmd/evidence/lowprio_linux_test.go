package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/lcmonitor/evidence/internal/lowprio"
)

// TestServeRunsBackgroundIndexingAtLowPriority: a started serve has its
// low-priority thread, and one P more for it while a search runs.
func TestServeRunsBackgroundIndexingAtLowPriority(t *testing.T) {
	startServer(t, "")
	searching := lowprio.Foreground()
	if got, want := runtime.GOMAXPROCS(0), lowprio.Procs()+lowprio.Extra; got != want {
		t.Errorf("GOMAXPROCS %d with serve running a search, want %d (the server's %d and the low-priority thread's)", got, want, lowprio.Procs())
	}
	searching()
	// Nice above the process's, to 19 at most: the test may run niced
	// itself. The process's is this thread's (the low-priority one is
	// locked to its goroutine; it may be the main thread).
	runtime.LockOSThread()
	process := threadNice(t, fmt.Sprintf("/proc/self/task/%d/stat", syscall.Gettid()))
	runtime.UnlockOSThread()
	want := min(19, process+lowprio.Nice)
	if want == process {
		return // at 19 already: no thread is told apart by its nice value
	}
	niced := 0
	tasks, _ := filepath.Glob("/proc/self/task/*/stat")
	for _, f := range tasks {
		if threadNice(t, f) == want {
			niced++
		}
	}
	if niced != lowprio.Extra {
		t.Errorf("%d threads at nice %d (the process's %d), want %d", niced, want, process, lowprio.Extra)
	}
}

// threadNice is the nice value in a /proc stat file; -100 for a thread
// that has ended.
func threadNice(t *testing.T, stat string) int {
	t.Helper()
	b, err := os.ReadFile(stat)
	if err != nil {
		return -100
	}
	// The fields after the command's closing parenthesis; nice is the 19th field of the line.
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	n, err := strconv.Atoi(fields[16])
	if err != nil {
		t.Fatalf("%s: nice %q: %v", stat, fields[16], err)
	}
	return n
}

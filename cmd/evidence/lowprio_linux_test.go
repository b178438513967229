package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
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
	niced := 0
	tasks, _ := filepath.Glob("/proc/self/task/*/stat")
	for _, f := range tasks {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // the thread ended
		}
		// The fields after the command's closing parenthesis; nice is the 19th field of the line.
		fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if n, err := strconv.Atoi(fields[16]); err == nil && n == lowprio.Nice {
			niced++
		}
	}
	if niced != lowprio.Extra {
		t.Errorf("%d threads at nice %d, want %d", niced, lowprio.Nice, lowprio.Extra)
	}
}

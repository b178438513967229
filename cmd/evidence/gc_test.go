package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

func TestTuneGCLeavesTheEnvironmentsChoice(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	t.Run("unset", func(t *testing.T) {
		for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
			t.Setenv(name, "") // restored afterwards
			os.Unsetenv(name)
		}
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		tuneGC()
		if got := debug.SetGCPercent(100); got != serveGCPercent {
			t.Errorf("GC percent %d, want %d", got, serveGCPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != serveMemoryLimit {
			t.Errorf("memory limit %d, want %d", got, serveMemoryLimit)
		}
	})
	t.Run("set", func(t *testing.T) {
		t.Setenv("GOGC", "100")
		t.Setenv("GOMEMLIMIT", "off")
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		tuneGC()
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("GC percent %d with GOGC=100, want 100", got)
		}
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("memory limit %d with GOMEMLIMIT=off, want none", got)
		}
	})
}

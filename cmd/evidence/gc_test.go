package main

import (
	"math"
	"os"
	"path/filepath"
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

// Restore and reindex rebuild the index under the server's collector
// settings: under Go's default, whose heap grows to twice what is live,
// a restore of ten reports of 4.5 MB took 3.4 GB where serve, indexing
// them, stays near 1.5 GiB.
func TestRestoreAndReindexRebuildUnderTheServersMemorySettings(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Setenv(name, "") // restored afterwards
		os.Unsetenv(name)
	}
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	ingestFixtures(t, data)
	if _, err := runCLI(t, "backup", "--data", data, "--out", bk); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"restore", "--from", bk, "--data", filepath.Join(t.TempDir(), "restored")},
		{"reindex", "--data", data},
	} {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		if _, err := runCLI(t, args...); err != nil {
			t.Fatalf("%s: %v", args[0], err)
		}
		if got := debug.SetGCPercent(100); got != serveGCPercent {
			t.Errorf("%s rebuilt the index at GC percent %d, want serve's %d", args[0], got, serveGCPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != serveMemoryLimit {
			t.Errorf("%s rebuilt the index under a memory limit of %d, want serve's %d", args[0], got, serveMemoryLimit)
		}
	}
}

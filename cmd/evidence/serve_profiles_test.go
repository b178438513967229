package main

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
)

// TestServeWritesItsProfilesOnlyWhenItRan: EVIDENCE_CPUPROFILE and
// EVIDENCE_MUTEXPROFILE are written by a serve that started, and not by
// one refused at start-up (an address in use), whose files would pass
// for a run's profiles.
func TestServeWritesItsProfilesOnlyWhenItRan(t *testing.T) {
	profiles := t.TempDir()
	t.Setenv("EVIDENCE_CPUPROFILE", filepath.Join(profiles, "cpu"))
	t.Setenv("EVIDENCE_MUTEXPROFILE", filepath.Join(profiles, "mutex"))
	written := func() []string {
		t.Helper()
		entries, err := os.ReadDir(profiles)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}

	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	data := filepath.Join(t.TempDir(), "data")
	if err := runServe(t.Context(), []string{"--data", data, "--addr", held.Addr().String()}, io.Discard, io.Discard,
		quietLogger(io.Discard), nil); err == nil {
		t.Fatal("serve on an address in use started")
	}
	if names := written(); len(names) != 0 {
		t.Errorf("a serve that failed to start wrote %v", names)
	}

	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	runServe(ctx, []string{"--data", data, "--addr", "127.0.0.1:0"}, io.Discard, io.Discard, quietLogger(io.Discard),
		func(string) { stop() })
	if names := written(); len(names) != 2 {
		t.Errorf("a serve that ran wrote %v, want its CPU and mutex profiles", names)
	}
}

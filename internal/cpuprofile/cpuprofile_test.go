package cpuprofile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStartWritesAProfile: the file holds a profile once stopped, and a
// path that cannot be created is an error, not a profile started.
func TestStartWritesAProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.prof")
	stop, err := Start(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b { // gzip-compressed protobuf
		t.Errorf("profile file: %d bytes, err %v", len(b), err)
	}
	if _, err := Start(filepath.Join(t.TempDir(), "missing", "cpu.prof")); err == nil {
		t.Error("a profile started at a path that cannot be created")
	}
	// The failed start left no profile running: another can start.
	stop, err = Start(filepath.Join(t.TempDir(), "again.prof"))
	if err != nil {
		t.Fatal(err)
	}
	stop()
}

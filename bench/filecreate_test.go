package bench

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFileCreateCost: the probe creates its files in a folder of its
// own, leaves them (deleting them would tax the files created next), and
// says what a file cost.
func TestFileCreateCost(t *testing.T) {
	dir := t.TempDir()
	cost, err := fileCreateCost(dir, 50)
	if err != nil {
		t.Fatal(err)
	}
	if cost < 0 {
		t.Errorf("a file cost %v", cost)
	}
	probes, _ := filepath.Glob(filepath.Join(dir, "file-create-*"))
	if len(probes) != 1 {
		t.Fatalf("probe folders %v, want one", probes)
	}
	files, err := os.ReadDir(probes[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 50 {
		t.Errorf("%d files left, want the 50 created", len(files))
	}
	for _, f := range files {
		if info, err := f.Info(); err != nil || info.Size() != 3200 {
			t.Errorf("%s: %v, %v; want 3200 bytes", f.Name(), info, err)
		}
	}
}

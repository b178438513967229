package index

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestOpenRefusesAnIndexInUseBeforeLoadingTheDictionary: a command run
// while serve holds the index (evidence check) is refused as soon as the
// lock is tried, not after the half minute the segmenter's dictionary
// takes to load.
func TestOpenRefusesAnIndexInUseBeforeLoadingTheDictionary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	held, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := held.Close(); err != nil {
		t.Fatal(err)
	}
	if held, err = Open(dir); err != nil { // an existing index, as serve opens it
		t.Fatal(err)
	}
	defer held.Close()

	loaded := false
	preload = func() error { loaded = true; return Preload() }
	defer func() { preload = Preload }()
	second, err := Open(dir)
	if err == nil {
		second.Close()
		t.Fatal("opened an index another Open holds")
	}
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(catalog.ErrorMessage(err), "正被另一个 evidence 进程使用") {
		t.Fatalf("open an index in use: %v, want EUNAVAILABLE saying so", err)
	}
	if loaded {
		t.Error("Open loaded the dictionary before it found the index in use")
	}
}

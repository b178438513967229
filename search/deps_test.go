package search

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestSearchDoesNotImportIngest keeps the search package a consumer of the
// index and the catalog only: ingestion (and extraction with its PDF and
// office readers) must not be linked in through it. Evaluation harnesses
// that need extraction live in search/suggesteval.
func TestSearchDoesNotImportIngest(t *testing.T) {
	deps := listDeps(t, ".")
	if !slices.Contains(deps, "github.com/lcmonitor/evidence/index") {
		t.Fatalf("go list -deps . does not list the index package; is it listing search? %v", deps)
	}
	for _, dep := range deps {
		if dep == "github.com/lcmonitor/evidence/ingest" || strings.HasPrefix(dep, "github.com/lcmonitor/evidence/ingest/") {
			t.Errorf("go list -deps ./search contains %s: search must not import ingest", dep)
		}
	}
}

// listDeps returns `go list -deps` of the package in dir: the packages a
// binary linking it contains, tests excluded.
func listDeps(t *testing.T, dir string) []string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the go command is not on PATH")
		}
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", dir).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", dir, err)
	}
	return strings.Fields(string(out))
}

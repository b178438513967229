package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// benchOnlyPackages measure the archive and are linked by cmd/evidence-bench
// only: the benchmark, its raw-Bleve and segmentation baselines, and the
// suggestion-quality harness.
var benchOnlyPackages = []string{
	"github.com/lcmonitor/evidence/bench",
	"github.com/lcmonitor/evidence/index/indexbench",
	"github.com/lcmonitor/evidence/search/suggesteval",
}

// TestBinaryLeavesOutBenchmarks keeps the benchmark out of the binary users
// run: `go list -deps ./cmd/evidence` must name none of the bench-only
// packages (or anything under them).
func TestBinaryLeavesOutBenchmarks(t *testing.T) {
	deps := goListDeps(t, ".")
	if !slices.Contains(deps, "github.com/lcmonitor/evidence/index") {
		t.Fatalf("go list -deps . does not list the index package; is it listing cmd/evidence? %v", deps)
	}
	for _, dep := range deps {
		for _, bench := range benchOnlyPackages {
			if dep == bench || strings.HasPrefix(dep, bench+"/") {
				t.Errorf("go list -deps ./cmd/evidence contains %s: the evidence binary must not link the benchmark (it belongs to cmd/evidence-bench)", dep)
			}
		}
	}
}

// goListDeps returns `go list -deps` of the package in dir: every package
// its binary links, tests excluded.
func goListDeps(t *testing.T, dir string) []string {
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

package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testfiles"
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
	deps := testfiles.GoListDeps(t, ".")
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

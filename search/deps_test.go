package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestSearchDoesNotImportIngest keeps the search package a consumer of the
// index and the catalog only: ingestion (and extraction with its PDF and
// office readers) must not be linked in through it. Evaluation harnesses
// that need extraction live in search/suggesteval.
func TestSearchDoesNotImportIngest(t *testing.T) {
	deps := testfiles.GoListDeps(t, ".")
	if !slices.Contains(deps, "github.com/lcmonitor/evidence/index") {
		t.Fatalf("go list -deps . does not list the index package; is it listing search? %v", deps)
	}
	for _, dep := range deps {
		if dep == "github.com/lcmonitor/evidence/ingest" || strings.HasPrefix(dep, "github.com/lcmonitor/evidence/ingest/") {
			t.Errorf("go list -deps ./search contains %s: search must not import ingest", dep)
		}
	}
}

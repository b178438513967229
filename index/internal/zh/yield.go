package zh

import (
	"os"
	"runtime"
	"sync/atomic"
)

// searchesInFlight counts the searches running in this process. While any
// runs, the analysis of documents being indexed gives up its core at each
// field it starts, so that a search waiting to run is not queued behind a
// batch's analysis for a whole time slice (issue 15's search tail).
var searchesInFlight atomic.Int64

// yieldToSearches is read once: EVIDENCE_ANALYSIS_YIELD=0 turns it off.
var yieldToSearches = os.Getenv("EVIDENCE_ANALYSIS_YIELD") != "0"

// SearchBegun marks a search in flight until done is called.
func SearchBegun() (done func()) {
	searchesInFlight.Add(1)
	return func() { searchesInFlight.Add(-1) }
}

// yieldIfSearching lets a waiting search run before an index-time
// analysis goes on.
func yieldIfSearching() {
	if yieldToSearches && searchesInFlight.Load() > 0 {
		runtime.Gosched()
	}
}

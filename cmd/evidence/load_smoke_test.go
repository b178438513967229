package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/bench/load"
)

// TestLoadSmoke runs `make load`'s load for two seconds, small, against a
// real server: both kinds of request go through, none fails, and the
// report prints.
func TestLoadSmoke(t *testing.T) {
	s := startServer(t, "")
	rep, err := load.Run(t.Context(), load.Config{Server: s.base, Token: s.token, Uploaders: 2, Searchers: 2,
		Duration: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.Print(&out)
	t.Logf("\n%s", out.String())
	for _, st := range []load.Stats{rep.Upload, rep.Search} {
		if len(st.Latencies) == 0 || st.ErrorCount() > 0 {
			t.Errorf("%s: %d answered, errors %v %v", st.Kind, len(st.Latencies), st.Errors, st.FirstErr)
		}
	}
	if !strings.Contains(out.String(), "p99 ms") || !strings.Contains(out.String(), "goal:") {
		t.Errorf("report lacks its table or goals:\n%s", out.String())
	}
	// Every search of the run is counted once by the server's result
	// cache: kept, shared or computed (a search finding nothing runs more
	// than one to suggest others).
	c := rep.Cache
	if total := c["hits"] + c["shared"] + c["misses"]; total < float64(len(rep.Search.Latencies)) || c["misses"] == 0 {
		t.Errorf("search cache counts %v for %d searches", c, len(rep.Search.Latencies))
	}
	if !strings.Contains(out.String(), "search results:") {
		t.Errorf("report lacks how searches were answered:\n%s", out.String())
	}
}

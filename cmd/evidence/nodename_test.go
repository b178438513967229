package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// TestSharedNodeKeepsItsNameAcrossStarts: a node of a shared catalog is
// named the same at every start from its data folder, so its follow
// checkpoint in the catalog is found again (node names used to be new at
// each start); each start's leases and hand-ins still carry a name of
// their own that begins with it, as a node must not take its previous
// run's lease or upload for its own.
func TestSharedNodeKeepsItsNameAcrossStarts(t *testing.T) {
	ctx := context.Background()
	t.Setenv("EVIDENCE_DATABASE_URL", pgtest.DatabaseURL(t))
	t.Setenv("EVIDENCE_S3_ENDPOINT", "")
	data := t.TempDir()
	start := func() (name, run string) {
		a, err := openApp(ctx, data, quietLogger(io.Discard), appOptions{withIndex: true})
		if err != nil {
			t.Fatal(err)
		}
		defer a.close()
		return a.ingest.Node()
	}
	name1, run1 := start()
	name2, run2 := start()
	if name1 == "" || name1 != name2 {
		t.Errorf("the node is named %q, then %q at its next start: want one name kept", name1, name2)
	}
	if run1 == run2 || !strings.HasPrefix(run1, name1+"/") || !strings.HasPrefix(run2, name2+"/") {
		t.Errorf("the starts' lease names are %q and %q: want one each, beginning with the node's name %q", run1, run2, name1)
	}
}

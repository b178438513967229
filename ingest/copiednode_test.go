package ingest

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// namedRun is one run of the node called name (its node-name file) on a
// shared catalog, in a data folder of its own, beating every 100 ms.
func namedRun(t *testing.T, r *rig, name, run string) *Service {
	t.Helper()
	return runIn(t, r, name, run, filepath.Join(r.dir, run), 100*time.Millisecond, testWriter{t, run})
}

// runIn is one run of the node called name in the data folder dir,
// beating every beat and logging to logs.
func runIn(t *testing.T, r *rig, name, run, dir string, beat time.Duration, logs io.Writer) *Service {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	svc := New(r.cat, r.blobs, idx, Config{
		TempDir: filepath.Join(dir, "tmp"), Workers: 1,
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
		Shared: true, NodeName: name, Node: name + "/" + run, NodeBeat: beat,
		FollowInterval: 100 * time.Millisecond, FollowStateFile: filepath.Join(dir, FollowStateName),
	})
	t.Cleanup(svc.Close)
	return svc
}

// TestCopiedNodeNameIsRefusedAtStart: a second live process under a node
// name another process uses (a data folder copied with its node-name)
// refuses to start, naming the file to delete; a node restarting after
// its previous run died starts, though that run beat a moment ago.
func TestCopiedNodeNameIsRefusedAtStart(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	first := namedRun(t, r, "杭州节点-ab12cd", "1-1")
	if err := first.Start(ctx); err != nil {
		t.Fatal(err)
	}
	copied := namedRun(t, r, "杭州节点-ab12cd", "2-2")
	err := copied.Start(ctx)
	msg := catalog.ErrorMessage(err)
	if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(msg, "杭州节点-ab12cd") ||
		!strings.Contains(msg, filepath.Join(r.dir, "2-2", NodeNameFile)) || !strings.Contains(msg, "复制") {
		t.Fatalf("start beside a live process of the same node name: %v; want ECONFLICT naming the node and its node-name file", err)
	}
	if en := catalog.MessageIn(err, true); !strings.Contains(en, "copied") {
		t.Errorf("English message %q does not say the folder was copied", en)
	}
	copied.Close()

	first.Close() // a node stopped forgets its run
	if runs, err := r.cat.NodeRunsAlive(ctx, "杭州节点-ab12cd", "", time.Now().Add(-time.Hour)); err != nil || len(runs) != 0 {
		t.Errorf("after both runs stopped the catalog still holds %v (%v), want no run of the node", runs, err)
	}
	// A node killed (kill -9) leaves its row, saying it beat a moment ago.
	if err := r.cat.NodeAlive(ctx, "杭州节点-ab12cd/1-1"); err != nil {
		t.Fatal(err)
	}
	restarted := namedRun(t, r, "杭州节点-ab12cd", "3-3")
	if err := restarted.Start(ctx); err != nil {
		t.Fatalf("a node restarting after its previous run stopped: %v, want it to start", err)
	}
}

package ingest

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// waitingLine is what a start logs when it waits a beat to tell a dead
// run of its node's name from a live one.
const waitingLine = "waiting one beat to see whether it still runs"

// TestCopiesStartedWithinOneBeatDoNotBothRun: two copies of a data
// folder whose starts each find the other's run before either has waited
// do not both start: each beats halfway through its wait, so each sees
// the other move and refuses, naming its node-name file (unless the
// other refused first and forgot its run: then it runs alone).
func TestCopiesStartedWithinOneBeatDoNotBothRun(t *testing.T) {
	ctx := context.Background()
	r, url := pgRigAt(t)
	db := openSQL(t, url)
	const name = "宁波节点-cd34ef"
	const beat = 2 * time.Second
	// Both runs' rows are there before either starts, a little ahead:
	// each start's look finds the other's row, as when both said they
	// were alive before either looked, and the other's first beat
	// (earlier than that) does not count as a move.
	ahead := time.Now().Add(copyWait(beat) / 4).UTC().Format("2006-01-02T15:04:05.000000Z07:00")
	for _, run := range []string{"1-1", "2-2"} {
		if _, err := db.ExecContext(ctx, `INSERT INTO node_heartbeat (node, alive_at) VALUES ($1, $2)`, name+"/"+run, ahead); err != nil {
			t.Fatal(err)
		}
	}
	runs := []*Service{
		runIn(t, r, name, "1-1", filepath.Join(r.dir, "甲"), beat, testWriter{t, "甲"}),
		runIn(t, r, name, "2-2", filepath.Join(r.dir, "乙"), beat, testWriter{t, "乙"}),
	}
	errs := make([]error, len(runs))
	var wg sync.WaitGroup
	for i, svc := range runs {
		wg.Go(func() { errs[i] = svc.Start(ctx) })
	}
	wg.Wait()
	started := 0
	for i, err := range errs {
		switch {
		case err == nil:
			started++
		case catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(catalog.ErrorMessage(err), NodeNameFile):
			t.Errorf("copy %d started within a beat of the other: %v; want ECONFLICT naming its %s", i+1, err, NodeNameFile)
		}
	}
	if started > 1 {
		t.Errorf("two copies of a data folder started within a beat of each other both run, want one at most")
	}
}

// TestFailedStartForgetsItsRun: a start that said it was alive and then
// failed removes its heartbeat, so the next start has no run to wait out.
func TestFailedStartForgetsItsRun(t *testing.T) {
	ctx := context.Background()
	r, url := pgRigAt(t)
	db := openSQL(t, url)
	// Unfinished documents cannot be listed: the start fails after its
	// beat began.
	if _, err := db.ExecContext(ctx, `ALTER TABLE document RENAME TO document_away`); err != nil {
		t.Fatal(err)
	}
	svc := namedRun(t, r, "温州节点-ef56ab", "1-1")
	if err := svc.Start(ctx); err == nil {
		t.Fatal("start without the document table succeeded, want it to fail")
	}
	if _, err := db.ExecContext(ctx, `ALTER TABLE document_away RENAME TO document`); err != nil {
		t.Fatal(err)
	}
	runs, err := r.cat.NodeRunsAlive(ctx, "温州节点-ef56ab", "", time.Now().Add(-time.Hour))
	if err != nil || len(runs) != 0 {
		t.Errorf("after a failed start the catalog holds the runs %v (%v), want none", runs, err)
	}
}

// TestRestartAfterCrashDoesNotWait: a node whose previous run was killed
// (kill -9) on this machine finds that run's fresh heartbeat and its data
// folder naming that run and its process, now gone: it starts without
// waiting a beat, and names its own run there for the next start. A row
// whose run the folder puts on another host, or in a process still
// running (a folder copied from a running node on this machine), is
// waited out as before.
func TestRestartAfterCrashDoesNotWait(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	const name = "绍兴节点-ab78cd"
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	killed := killedProcess(t)
	for _, c := range []struct {
		what     string
		previous nodeRun
		wait     bool
		// beside: another run's row, silent since a moment ago.
		beside bool
	}{
		{"killed on this host", nodeRun{Host: host, Process: killed}, false, false},
		{"on another host", nodeRun{Host: host + "-另一台", Process: killed}, true, false},
		{"killed on this host in another container", nodeRun{Host: host, Process: inAnotherNamespace(killed)}, true, false},
		{"still running on this host", nodeRun{Host: host, Process: processOf(os.Getpid())}, true, false},
		{"on this host, its folder naming another run", nodeRun{Run: name + "/0-0", Host: host, Process: killed}, true, false},
		{"killed on this host beside another run", nodeRun{Host: host, Process: killed}, true, true},
	} {
		t.Run(c.what, func(t *testing.T) {
			dir := t.TempDir()
			dead := name + "/" + strings.ReplaceAll(c.what, " ", "-")
			if c.previous.Run == "" {
				c.previous.Run = dead
			}
			if err := writeNodeRun(filepath.Join(dir, NodeRunFile), c.previous); err != nil {
				t.Fatal(err)
			}
			if err := r.cat.NodeAlive(ctx, dead); err != nil { // its last beat, a moment ago
				t.Fatal(err)
			}
			t.Cleanup(func() { r.cat.NodeGone(ctx, dead) })
			if c.beside {
				// Waited for, and not moving: the run killed, though
				// still in the catalog, is no copy either.
				if err := r.cat.NodeAlive(ctx, name+"/9-9"); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { r.cat.NodeGone(ctx, name+"/9-9") })
			}
			logs := &lockedBuffer{}
			svc := runIn(t, r, name, "restarted", dir, 100*time.Millisecond, io.MultiWriter(logs, testWriter{t, "restarted"}))
			if err := svc.Start(ctx); err != nil {
				t.Fatalf("restart after a run %s: %v, want it to start", c.what, err)
			}
			if waited := strings.Contains(logs.String(), waitingLine); waited != c.wait {
				t.Errorf("restart after a run %s: waited a beat %v, want %v; log:\n%s", c.what, waited, c.wait, logs)
			}
			b, err := os.ReadFile(filepath.Join(dir, NodeRunFile))
			var now nodeRun
			if err == nil {
				err = json.Unmarshal(b, &now)
			}
			if err != nil || now.Run != name+"/restarted" || now.Host != host || now.Process.PID != os.Getpid() {
				t.Errorf("%s after the start: %+v (%v), want this run %s on %s, pid %d", NodeRunFile, now, err, name+"/restarted", host, os.Getpid())
			}
			svc.Close()
		})
	}
}

// inAnotherNamespace is p as a node in another container on this machine
// recorded it: the same boot, its pid of another pid namespace.
func inAnotherNamespace(p process) process {
	p.Namespace = "pid:[1]"
	return p
}

// killedProcess starts a child process, kills it with SIGKILL as a node
// is killed, and returns the process as the node's run recorded it.
func killedProcess(t *testing.T) process {
	t.Helper()
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := processOf(cmd.Process.Pid)
	if p.gone() {
		t.Fatalf("process %+v running: gone says yes", p)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	return p
}

// TestCopyStartedWhileRunningIsLogged: a node logs, at its beats, a live
// process that said it was alive under its name after it started (a
// copy that got past its own start's look), naming the node-name file
// to delete; a run that last said so before it started is not one.
func TestCopyStartedWhileRunningIsLogged(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	const name = "嘉兴节点-12ab34"
	const copyLine = "another process runs under this node's name"
	if err := r.cat.NodeAlive(ctx, name+"/0-0"); err != nil { // a run killed before this start
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	svc := runIn(t, r, name, "1-1", filepath.Join(r.dir, "1-1"), 100*time.Millisecond, io.MultiWriter(logs, testWriter{t, "1-1"}))
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitForBeats(t, r, name+"/1-1", 3)
	if strings.Contains(logs.String(), copyLine) {
		t.Fatalf("a run killed before the start was logged as a copy running:\n%s", logs)
	}
	if err := r.cat.NodeAlive(ctx, name+"/2-2"); err != nil { // the copy says it is alive
		t.Fatal(err)
	}
	waitForBeats(t, r, name+"/1-1", 3)
	out := logs.String()
	if !strings.Contains(out, copyLine) || !strings.Contains(out, filepath.Join(r.dir, "1-1", NodeNameFile)) {
		t.Errorf("a copy said it was alive while the node ran; its log names no copy and no %s:\n%s", NodeNameFile, out)
	}
}

// waitForBeats waits until run has said it was alive n times more.
func waitForBeats(t *testing.T, r *rig, run string, n int) {
	t.Helper()
	name, _, _ := strings.Cut(run, "/")
	deadline := time.Now().Add(time.Minute)
	var last time.Time
	for n > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("run %s said it was alive %d times fewer than awaited within a minute", run, n)
		}
		runs, err := r.cat.NodeRunsAlive(context.Background(), name, "", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if at := runs[run]; at.After(last) {
			if !last.IsZero() {
				n--
			}
			last = at
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openSQL opens the catalog's database at url as another node's
// connection would.
func openSQL(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

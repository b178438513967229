package catalog

import (
	"cmp"
	"context"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// twoNodes opens two stores on one new PostgreSQL database, as two nodes
// of a shared catalog, with 市教育局's task of 1.1.1 imported, each on
// a clock of its own the test sets (from 2018-03-01 09:00 UTC).
func twoNodes(t *testing.T) (a, b *Store, task string, clockA, clockB *time.Time) {
	t.Helper()
	url := pgtest.DatabaseURL(t)
	open := func() *Store {
		s, err := OpenPostgres(context.Background(), url)
		if err != nil {
			t.Fatalf("open a node's catalog on PostgreSQL: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b = open(), open()
	task, _ = returnedFixture(t, a)
	start := time.Date(2018, 3, 1, 9, 0, 0, 0, time.UTC)
	clockA, clockB = &start, new(time.Time)
	*clockB = start
	a.now = func() time.Time { return *clockA }
	b.now = func() time.Time { return *clockB }
	return a, b, task, clockA, clockB
}

// handInState is the state of the submission of doc.
func handInState(t *testing.T, s *Store, doc string) string {
	t.Helper()
	var got string
	if err := s.db.QueryRowContext(context.Background(), `SELECT handin FROM submission WHERE document_id = ?`, doc).Scan(&got); err != nil {
		t.Fatalf("state of the hand-in of %s: %v", doc, err)
	}
	return got
}

// TestAStoppedNodesHandInsAreAbandoned: on a shared catalog node 甲 starts
// handing in 学分银行实施方案 for 市教育局's task, having said it is alive,
// and then either keeps saying so (its upload still running) or stops
// (killed mid-upload). Node 乙 sweeps (AbandonStoppedNodesHandIns) at
// a later time by its clock: it abandons the hand-in of a node silent
// for longer than NodeSilence, and of no node once UnknownNodeHandInAge
// old, never its own nor one younger than NodeSilence, and the task may
// then be deleted.
func TestAStoppedNodesHandInsAreAbandoned(t *testing.T) {
	const 甲, 乙 = "node-甲-杭州-4242", "node-乙-杭州-4343"
	min := func(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }
	for _, c := range []struct {
		name  string
		node  string          // the node the hand-in names
		beats []time.Duration // when 甲 says it is alive, from the hand-in
		sweep time.Duration   // when 乙 sweeps
		want  string
	}{
		{"甲 stopped at once", 甲, []time.Duration{0}, NodeSilence + time.Second, handInAbandoned},
		{"甲 stopped after a while", 甲, []time.Duration{0, min(0.5), min(1), min(1.5)}, min(1.5) + NodeSilence + time.Second, handInAbandoned},
		{"甲 alive", 甲, []time.Duration{0, min(0.5), min(1), min(1.5), min(2), min(2.5), min(3)}, min(3.5), handInUploading},
		{"甲 silent for less than the limit", 甲, []time.Duration{0, min(1)}, min(1) + NodeSilence - time.Second, handInUploading},
		{"甲 wrote it before its first beat", 甲, nil, NodeSilence - time.Second, handInUploading},
		{"甲 never said it is alive", 甲, nil, NodeSilence + time.Second, handInAbandoned},
		{"乙's own", 乙, nil, time.Hour, handInUploading},
		{"no node, before migration 039, a day old", "", nil, UnknownNodeHandInAge + time.Second, handInAbandoned},
		{"no node, under a day old", "", []time.Duration{0}, UnknownNodeHandInAge - time.Second, handInUploading},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			a, b, task, clockA, clockB := twoNodes(t)
			start := *clockA
			sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf", Assignment: task, Node: c.node}
			if err := a.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
				t.Fatal(err)
			}
			for _, at := range c.beats {
				*clockA = start.Add(at)
				if err := a.NodeAlive(ctx, 甲); err != nil {
					t.Fatal(err)
				}
			}
			*clockB = start.Add(c.sweep)
			n, err := b.AbandonStoppedNodesHandIns(ctx, 乙)
			if err != nil {
				t.Fatal(err)
			}
			if got := handInState(t, a, "学分银行实施方案"); got != c.want || (n == 1) != (c.want == handInAbandoned) || n > 1 {
				t.Fatalf("乙 sweeping %v after the hand-in: %q (%d swept), want %q", c.sweep, got, n, c.want)
			}
			_, err = b.DeleteAssignment(ctx, task, "wang")
			if c.want == handInUploading && ErrorCode(err) != ECONFLICT {
				t.Errorf("delete the task while 甲's hand-in is kept: %v; want ECONFLICT", err)
			}
			if c.want == handInAbandoned && err != nil {
				t.Errorf("delete the task after its stopped node's hand-in was abandoned: %v; want it deleted", err)
			}
		})
	}
}

// TestAStoppedNodesHandInRecordedLate: 甲 was taken for stopped (its
// catalog out of reach for longer than NodeSilence) while its upload
// went on; when it then records the file the task records it and the
// hand-in counts as recorded, not abandoned.
func TestAStoppedNodesHandInRecordedLate(t *testing.T) {
	ctx := context.Background()
	a, b, task, clockA, clockB := twoNodes(t)
	sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf", Assignment: task, Node: "node-甲"}
	if err := a.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
		t.Fatal(err)
	}
	*clockB = clockA.Add(NodeSilence + time.Minute)
	if n, err := b.AbandonStoppedNodesHandIns(ctx, "node-乙"); err != nil || n != 1 {
		t.Fatalf("sweep: %d %v; want 甲's hand-in abandoned", n, err)
	}
	if err := a.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
		Documents: []string{"学分银行实施方案"}, By: "jiaoyu"}); err != nil {
		t.Fatal(err)
	}
	if got := handInState(t, a, "学分银行实施方案"); got != handInRecorded {
		t.Errorf("the hand-in recorded after the sweep: %q, want %q", got, handInRecorded)
	}
}

// TestNodeAliveForgetsNodesLongStopped: a node's run name is new at each
// start, so the rows of runs silent for longer than DeadRunAge (not a day:
// a row a start, they piled up) are dropped when any node says it is
// alive; a run silent for less, a node just restarting among them, stays.
func TestNodeAliveForgetsNodesLongStopped(t *testing.T) {
	ctx := context.Background()
	a, b, _, clockA, clockB := twoNodes(t)
	start := *clockA
	for _, n := range []string{"node-丙/重启前", "node-丁/1"} {
		if err := a.NodeAlive(ctx, n); err != nil {
			t.Fatal(err)
		}
		*clockA = start.Add(DeadRunAge - NodeSilence)
	}
	*clockB = start.Add(DeadRunAge + time.Minute)
	if err := b.NodeAlive(ctx, "node-乙/1"); err != nil {
		t.Fatal(err)
	}
	got, err := queryStrings(ctx, b.db, `SELECT node FROM node_heartbeat ORDER BY node`)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"node-丁/1", "node-乙/1"}; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("runs after %s: %v, want %v (node-丙/重启前 forgotten)", DeadRunAge+time.Minute, got, want)
	}
	if DeadRunAge >= time.Hour || DeadRunAge < 5*NodeSilence {
		t.Errorf("DeadRunAge %s: want well past NodeSilence %s, well under an hour", DeadRunAge, NodeSilence)
	}
	runs, err := b.NodeRunsAlive(ctx, "node-丁", "node-丁/2", start)
	if err != nil || len(runs) != 1 || runs["node-丁/1"].IsZero() {
		t.Errorf("runs of node-丁 besides node-丁/2: %v, %v; want node-丁/1", runs, err)
	}
}

// TestOneMachineSweepsOnlyAtStart: on SQLite nothing says it is alive (a
// command beside the server, evidence ingest, uploads too), so the
// sweep of stopped nodes leaves a day-old hand-in of a node that never
// said so; the start's sweep (AbandonDeadHandIns) abandons it as before.
func TestOneMachineSweepsOnlyAtStart(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	task, _ := returnedFixture(t, s)
	start := time.Date(2018, 3, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return start }
	sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf", Assignment: task, Node: "node-杭州-ingest"}
	if err := s.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return start.Add(2 * UnknownNodeHandInAge) }
	if n, err := s.AbandonStoppedNodesHandIns(ctx, "node-杭州-serve"); err != nil || n != 0 {
		t.Fatalf("sweep of stopped nodes on SQLite: %d %v; want nothing swept", n, err)
	}
	if got := handInState(t, s, "学分银行实施方案"); got != handInUploading {
		t.Fatalf("after the sweep of stopped nodes on SQLite: %q, want %q", got, handInUploading)
	}
	if n, err := s.AbandonDeadHandIns(ctx); err != nil || n != 1 {
		t.Fatalf("start's sweep on SQLite: %d %v; want the hand-in abandoned", n, err)
	}
}

// TestNodeHeartbeatMigrationRunsAgain: migration 039 may run again under
// another number (another branch's migration landing before it); the
// nodes recorded on hand-ins and their beats stay.
func TestNodeHeartbeatMigrationRunsAgain(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		task, _ := returnedFixture(t, s)
		sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf", Assignment: task, Node: "node-甲"}
		if err := s.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
			t.Fatal(err)
		}
		if err := s.NodeAlive(ctx, "node-甲"); err != nil {
			t.Fatal(err)
		}
		at := migrationAt(t, s, "_node_heartbeat"+cmp.Or(s.dialect.twin, ".sql"))
		for range 2 {
			runMigrationAgain(t, s, at)
		}
		var node string
		if err := s.db.QueryRowContext(ctx, `SELECT upload_node FROM submission WHERE document_id = ?`, "学分银行实施方案").Scan(&node); err != nil || node != "node-甲" {
			t.Errorf("the hand-in's node after the migration ran again: %q %v, want node-甲", node, err)
		}
		if got, err := queryStrings(ctx, s.db, `SELECT node FROM node_heartbeat`); err != nil || len(got) != 1 {
			t.Errorf("beats after the migration ran again: %v %v, want node-甲's", got, err)
		}
	})
}

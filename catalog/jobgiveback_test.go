package catalog

import (
	"context"
	"testing"
	"time"
)

func TestGiveBackJob(t *testing.T) { forEachStore(t, testGiveBackJob) }

// A job given back by the node that dropped it for no fault of the
// document is free at once and its taking is not counted: dropped more
// often than MaxJobAttempts, it is still taken, not failed as poison;
// and a lease run out still counts, as a node that died leaves it.
func testGiveBackJob(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	attempts := func() (n int, owner string) {
		t.Helper()
		if err := s.db.QueryRowContext(ctx, `SELECT attempts, lease_owner FROM document WHERE id = ?`, "D1").
			Scan(&n, &owner); err != nil {
			t.Fatal(err)
		}
		return n, owner
	}
	for i := range MaxJobAttempts + 2 {
		node := []string{"旧版节点甲", "旧版节点乙"}[i%2]
		if ok, err := s.TakeJob(ctx, "D1", node, time.Hour); !ok || err != nil {
			d, _ := s.Document(ctx, "D1")
			t.Fatalf("take %d of a job given back each time: %v %v (document %s %q)", i+1, ok, err, d.Status, d.Error)
		}
		if ok, err := s.GiveBackJob(ctx, "D1", "别的节点"); ok || err != nil {
			t.Fatalf("a node that does not hold the job gave it back: %v %v", ok, err)
		}
		if n, owner := attempts(); n != 1 || owner != node {
			t.Fatalf("after a node that does not hold it gave it back: attempts %d, held by %q; want 1, %q", n, owner, node)
		}
		if ok, err := s.GiveBackJob(ctx, "D1", node); !ok || err != nil {
			t.Fatalf("give back %d: %v %v", i+1, ok, err)
		}
		if n, owner := attempts(); n != 0 || owner != "" {
			t.Fatalf("after give back %d: attempts %d, held by %q; want 0 and free", i+1, n, owner)
		}
	}
	// Free at once: an orphan for any node, with no lease to run out.
	if orphans, _ := s.OrphanedJobs(ctx, -time.Minute, 10); len(orphans) != 1 || orphans[0] != "D1" {
		t.Errorf("orphans after a give back: %v, want [D1]", orphans)
	}
	// A node that died: its lease runs out and counts.
	if ok, _ := s.TakeJob(ctx, "D1", "死去的节点", time.Minute); !ok {
		t.Fatal("take after the give backs")
	}
	s.now = func() time.Time { return time.Now().UTC().Add(2 * time.Minute) }
	if ok, _ := s.TakeJob(ctx, "D1", "新版节点", time.Minute); !ok {
		t.Fatal("take after the lease ran out")
	}
	if n, _ := attempts(); n != 2 {
		t.Errorf("attempts after a lease ran out and another take: %d, want 2", n)
	}
	// Done: nothing to give back.
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.GiveBackJob(ctx, "D1", "新版节点"); ok || err != nil {
		t.Errorf("a job done was given back: %v %v", ok, err)
	}
}

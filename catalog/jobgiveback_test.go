package catalog

import (
	"context"
	"errors"
	"testing"
	"time"
)

// jobRow is what a document's row says of its job.
type jobRow struct {
	owner, until, token string
	attempts            int
}

func readJobRow(t *testing.T, s *Store, id string) jobRow {
	t.Helper()
	var r jobRow
	if err := s.db.QueryRowContext(context.Background(), `SELECT lease_owner, lease_until, lease_token, attempts
		FROM document WHERE id = ?`, id).Scan(&r.owner, &r.until, &r.token, &r.attempts); err != nil {
		t.Fatal(err)
	}
	return r
}

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
	for i := range MaxJobAttempts + 2 {
		node := []string{"旧版节点甲", "旧版节点乙"}[i%2]
		tok, err := s.TakeJob(ctx, "D1", node, time.Hour)
		if tok == "" || err != nil {
			d, _ := s.Document(ctx, "D1")
			t.Fatalf("take %d of a job given back each time: %q %v (document %s %q)", i+1, tok, err, d.Status, d.Error)
		}
		if ok, err := s.GiveBackJob(ctx, "D1", "别的节点", tok); ok || err != nil {
			t.Fatalf("a node that does not hold the job gave it back: %v %v", ok, err)
		}
		if r := readJobRow(t, s, "D1"); r.attempts != 1 || r.owner != node {
			t.Fatalf("after a node that does not hold it gave it back: attempts %d, held by %q; want 1, %q", r.attempts, r.owner, node)
		}
		if ok, err := s.GiveBackJob(ctx, "D1", node, tok); !ok || err != nil {
			t.Fatalf("give back %d: %v %v", i+1, ok, err)
		}
		if r := readJobRow(t, s, "D1"); r.attempts != 0 || r.owner != "" || r.token != "" {
			t.Fatalf("after give back %d: %+v; want 0 attempts and free", i+1, r)
		}
	}
	// Free at once: an orphan for any node, with no lease to run out.
	if orphans, _ := s.OrphanedJobs(ctx, -time.Minute, 10); len(orphans) != 1 || orphans[0] != "D1" {
		t.Errorf("orphans after a give back: %v, want [D1]", orphans)
	}
	// A node that died: its lease runs out and counts.
	if tok, _ := s.TakeJob(ctx, "D1", "死去的节点", time.Minute); tok == "" {
		t.Fatal("take after the give backs")
	}
	s.now = func() time.Time { return time.Now().UTC().Add(2 * time.Minute) }
	tok, _ := s.TakeJob(ctx, "D1", "新版节点", time.Minute)
	if tok == "" {
		t.Fatal("take after the lease ran out")
	}
	if r := readJobRow(t, s, "D1"); r.attempts != 2 {
		t.Errorf("attempts after a lease ran out and another take: %d, want 2", r.attempts)
	}
	// Done: nothing to give back.
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.GiveBackJob(ctx, "D1", "新版节点", tok); ok || err != nil {
		t.Errorf("a job done was given back: %v %v", ok, err)
	}
}

func TestGiveBackJobOfAnotherWorker(t *testing.T) { forEachStore(t, testGiveBackJobOfAnotherWorker) }

// The owner of a lease is a node, not its worker: a worker of this node
// whose lease ran out while the node took the job again in another
// worker (orphan adoption) must neither give back nor renew the lease
// the other worker holds. Given back, the job was free for another node
// to read beside it, and the attempt of a live taking was taken back.
func testGiveBackJobOfAnotherWorker(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	const node = "杭州节点"
	first, err := s.TakeJob(ctx, "D1", node, time.Minute)
	if first == "" || err != nil {
		t.Fatalf("the first worker takes the job: %q %v", first, err)
	}
	s.now = func() time.Time { return time.Now().UTC().Add(2 * time.Minute) } // its lease ran out
	second, err := s.TakeJob(ctx, "D1", node, time.Minute)
	if second == "" || err != nil || second == first {
		t.Fatalf("the second worker adopts the job: %q %v (the first's token %q)", second, err, first)
	}
	held := readJobRow(t, s, "D1")
	if held.attempts != 2 || held.owner != node || held.token != second {
		t.Fatalf("after the second worker's take: %+v, want 2 attempts held by its token", held)
	}
	if ok, err := s.RenewJob(ctx, "D1", node, first, time.Hour); ok || err != nil {
		t.Errorf("the first worker renewed the second's lease: %v %v", ok, err)
	}
	if ok, err := s.GiveBackJob(ctx, "D1", node, first); ok || err != nil {
		t.Errorf("the first worker's late give back freed the second's lease: %v %v", ok, err)
	}
	if r := readJobRow(t, s, "D1"); r != held {
		t.Errorf("after the first worker's late renewal and give back: %+v, want %+v unchanged", r, held)
	}
	if tok, err := s.TakeJob(ctx, "D1", "宁波节点", time.Minute); tok != "" || err != nil {
		t.Errorf("another node took the job the second worker reads: %q %v", tok, err)
	}
	// The same node again while the lease holds (a text worker, then the
	// OCR worker) is a new taking too, and no new attempt.
	third, err := s.TakeJob(ctx, "D1", node, time.Minute)
	if third == "" || err != nil || third == second {
		t.Fatalf("the same node going on: %q %v (the held token %q)", third, err, second)
	}
	if ok, _ := s.GiveBackJob(ctx, "D1", node, second); ok {
		t.Errorf("a taking gave back the lease the same node's later taking holds")
	}
	if ok, err := s.RenewJob(ctx, "D1", node, third, time.Minute); !ok || err != nil {
		t.Errorf("the holder renews its lease: %v %v", ok, err)
	}
	// The holder's give back takes back its attempt, never below 0.
	if ok, err := s.GiveBackJob(ctx, "D1", node, third); !ok || err != nil {
		t.Fatalf("the holder gives the job back: %v %v", ok, err)
	}
	if r := readJobRow(t, s, "D1"); r.attempts != 1 || r.owner != "" {
		t.Errorf("after the holder gave it back: %+v, want 1 attempt and free", r)
	}
	tok, _ := s.TakeJob(ctx, "D1", node, time.Minute)
	if _, err := s.writer.ExecContext(ctx, `UPDATE document SET attempts = 0 WHERE id = ?`, "D1"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.GiveBackJob(ctx, "D1", node, tok); !ok {
		t.Fatal("give back of a job counting no attempt")
	}
	if r := readJobRow(t, s, "D1"); r.attempts != 0 {
		t.Errorf("a give back took attempts to %d, want 0", r.attempts)
	}
	// A deleted document's lease is not given back (as TakeJob does not
	// take it): nothing of its job changes.
	tok, _ = s.TakeJob(ctx, "D1", node, time.Minute)
	if _, err := s.DeleteDocument(ctx, "D1", "zhang"); err != nil {
		t.Fatal(err)
	}
	before := readJobRow(t, s, "D1")
	if ok, err := s.GiveBackJob(ctx, "D1", node, tok); ok || err != nil {
		t.Errorf("the job of a deleted document was given back: %v %v", ok, err)
	}
	if r := readJobRow(t, s, "D1"); r != before {
		t.Errorf("a deleted document's job after a give back: %+v, want %+v", r, before)
	}
}

func TestJobWritesKeepToTheJobContract(t *testing.T) {
	forEachStore(t, testJobWritesKeepToTheJobContract)
}

// A catalog whose job contract is not this binary's (a newer binary gave
// the job columns another meaning) gets no job write from this node:
// not a give back, a renewal or a take; the row stays as it was.
func testJobWritesKeepToTheJobContract(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	const node = "旧版节点"
	tok, err := s.TakeJob(ctx, "D1", node, time.Hour)
	if tok == "" || err != nil {
		t.Fatalf("take under the known contract: %q %v", tok, err)
	}
	before := readJobRow(t, s, "D1")
	for _, c := range []struct {
		sql  string
		have int
	}{
		{`UPDATE schema_contract SET value = 2 WHERE name = 'job_lease'`, 2},
		{`DELETE FROM schema_contract WHERE name = 'job_lease'`, 0},
	} {
		if _, err := s.writer.ExecContext(ctx, c.sql); err != nil {
			t.Fatal(err)
		}
		check := func(what string, err error) {
			t.Helper()
			var ce *JobContractError
			if !errors.As(err, &ce) || ce.Have != c.have || ce.Known != JobContract {
				t.Errorf("%s on a catalog of job contract %d: %v, want a JobContractError", what, c.have, err)
			}
		}
		ok, err := s.GiveBackJob(ctx, "D1", node, tok)
		check("give back", err)
		if ok {
			t.Errorf("given back on a catalog of job contract %d", c.have)
		}
		_, err = s.RenewJob(ctx, "D1", node, tok, time.Minute)
		check("renewal", err)
		took, err := s.TakeJob(ctx, "D2", node, time.Hour)
		check("take", err)
		if took != "" {
			t.Errorf("taken on a catalog of job contract %d", c.have)
		}
		if r := readJobRow(t, s, "D1"); r != before {
			t.Errorf("job contract %d: the held job is %+v, want %+v unchanged", c.have, r, before)
		}
		if r := readJobRow(t, s, "D2"); r != (jobRow{}) {
			t.Errorf("job contract %d: the free job is %+v, want untouched", c.have, r)
		}
	}
}

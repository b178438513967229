package catalog

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"
)

// openPostgresJobs opens a PostgreSQL catalog with D1 taken by node and D2
// free, and returns the token of D1's taking.
func openPostgresJobs(t *testing.T, node string) (*Store, string) {
	t.Helper()
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	tok, err := s.TakeJob(ctx, "D1", node, time.Hour)
	if tok == "" || err != nil {
		t.Fatalf("take D1: %q %v", tok, err)
	}
	return s, tok
}

// A job write takes no lock on the shared contract row: every take,
// renewal and give back of every node held it FOR SHARE, a row lock
// written per job write on one row, and each waited for whatever held
// the row. Held FOR UPDATE by another transaction now, the job writes
// go on.
func TestJobWritesTakeNoLockOnTheJobContract(t *testing.T) {
	const node = "杭州节点"
	s, tok := openPostgresJobs(t, node)
	holder, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	var v int
	if err := holder.QueryRow(`SELECT value FROM schema_contract WHERE name = 'job_lease' FOR UPDATE`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if ok, err := s.RenewJob(ctx, "D1", node, tok, time.Hour); !ok || err != nil {
		t.Errorf("renew while another transaction holds the contract row: %v %v", ok, err)
	}
	if got, err := s.TakeJob(ctx, "D2", node, time.Hour); got == "" || err != nil {
		t.Errorf("take while another transaction holds the contract row: %q %v", got, err)
	}
	if ok, err := s.GiveBackJob(ctx, "D1", node, tok); !ok || err != nil {
		t.Errorf("give back while another transaction holds the contract row: %v %v", ok, err)
	}
}

// A migration that changes the job contract (as a newer binary's would)
// while job writes are under way: a write it made wait reads the new
// contract once it committed and writes nothing; the migration runner's
// lock on document (lockForJobContract) is what makes it wait, as the
// contract row is read without one.
func TestAJobContractChangeRefusesTheJobWritesItHeld(t *testing.T) {
	const node = "旧版节点"
	s, tok := openPostgresJobs(t, node)
	ctx := context.Background()
	migration, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer migration.Rollback()
	if err := s.applyMigration(ctx, migration, "migrations/099_job_contract_2.pg.sql",
		[]byte(`UPDATE schema_contract SET value = 2 WHERE name = 'job_lease'`)); err != nil {
		t.Fatal(err)
	}
	before := [2]jobRow{readJobRow(t, s, "D1"), readJobRow(t, s, "D2")}
	errs := make(chan error, 3)
	go func() { _, err := s.RenewJob(ctx, "D1", node, tok, 2*time.Hour); errs <- err }()
	go func() { _, err := s.GiveBackJob(ctx, "D1", node, tok); errs <- err }()
	go func() { _, err := s.TakeJob(ctx, "D2", node, time.Hour); errs <- err }()
	waitForWaiters(t, s.db, 3)
	if err := migration.Commit(); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		var ce *JobContractError
		if err := <-errs; !errors.As(err, &ce) || ce.Have != 2 {
			t.Errorf("a job write held by a job contract change: %v, want a JobContractError naming 2", err)
		}
	}
	if after := [2]jobRow{readJobRow(t, s, "D1"), readJobRow(t, s, "D2")}; after != before {
		t.Errorf("the job columns after a contract change: %+v, want %+v unchanged", after, before)
	}
}

// waitForWaiters waits until n transactions wait for a lock.
func waitForWaiters(t *testing.T, db *sql.DB, n int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var waiting int
		if err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d job writes wait for the contract change after 30 s", waiting, n)
		}
	}
}

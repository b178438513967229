package catalog

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"strings"
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
// while job writes are under way, in its SQL or in its Go step: a write
// it made wait reads the new contract once it committed and writes
// nothing; the migration runner's lock on document (lockForJobContract),
// taken for a migration declared a contract change, is what makes it
// wait, as the contract row is read without one.
func TestAJobContractChangeRefusesTheJobWritesItHeld(t *testing.T) {
	for _, tt := range []struct{ name, sql string }{
		{"in its SQL", `UPDATE schema_contract SET value = 2 WHERE name = 'job_lease'`},
		// A change made in the migration's Go step shows in no SQL text:
		// its declaration is what locks document.
		{"in its Go step", `SELECT 1`},
	} {
		t.Run(tt.name, func(t *testing.T) { testJobContractChangeHoldsJobWrites(t, tt.sql) })
	}
}

// testJobContractChangeHoldsJobWrites applies a declared job contract
// change (099_job_contract_2) of SQL body, with a Go step that sets the
// contract to 2 when body does not, and checks that the job writes
// begun meanwhile waited for it and then wrote nothing.
func testJobContractChangeHoldsJobWrites(t *testing.T, body string) {
	const node = "旧版节点"
	const name = "migrations/099_job_contract_2.pg.sql"
	s, tok := openPostgresJobs(t, node)
	ctx := context.Background()
	jobContractMigrations["099_job_contract_2"] = true
	migrationFills[name] = txOnly(func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE schema_contract SET value = 2 WHERE name = 'job_lease'`)
		return err
	})
	t.Cleanup(func() {
		delete(jobContractMigrations, "099_job_contract_2")
		delete(migrationFills, name)
	})
	migration, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer migration.Rollback()
	if err := s.applyMigration(ctx, migration, name, []byte(body)); err != nil {
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

// Every migration whose SQL names schema_contract is declared a job
// contract change, so that the runner locks document for it
// (lockForJobContract): the declaration, not the text, decides, and a
// migration that wrote the contract undeclared would let job writes of
// the old meaning through.
func TestJobContractMigrationsAreDeclared(t *testing.T) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(body), "schema_contract") && !changesJobContract(name) {
			t.Errorf("%s writes schema_contract but is not in jobContractMigrations", name)
		}
	}
	for _, name := range []string{"migrations/051_job_contract.sql", "migrations/051_job_contract.pg.sql"} {
		if !changesJobContract(name) {
			t.Errorf("%s: not a job contract change", name)
		}
	}
	if changesJobContract("migrations/052_task_requirement.sql") {
		t.Error("052_task_requirement declared a job contract change")
	}
}

// jobColumnsKept are the migrations after the contract began (051) that
// name a job column and are known not to change what it means; none yet.
var jobColumnsKept = map[string]bool{}

// Every migration after 051 whose SQL names a job column (lease_owner,
// lease_until, lease_token, attempts) is either declared a job contract
// change or listed in jobColumnsKept, so that a new one must say which:
// a conversion of the job columns left undeclared runs unlocked while
// older nodes keep writing them in the old meaning.
func TestJobColumnMigrationsSayWhetherTheyChangeTheContract(t *testing.T) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		stem, _, _ := strings.Cut(strings.TrimPrefix(name, "migrations/"), ".")
		if stem < "051" {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, col := range []string{"lease_owner", "lease_until", "lease_token", "attempts"} {
			if strings.Contains(string(body), col) && !changesJobContract(name) && !jobColumnsKept[stem] {
				t.Errorf("%s names the job column %s: declare it in jobContractMigrations or, if the column keeps its meaning, in jobColumnsKept", name, col)
			}
		}
	}
}

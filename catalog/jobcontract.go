package catalog

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"path"
	"strings"
)

// JobContract is the meaning this binary gives the job columns of
// document — lease_owner, lease_until, lease_token and attempts — as the
// 'job_lease' row of schema_contract records it (migration 051). A node
// refused by a catalog a newer binary migrated still gives back the jobs
// it dropped; had the newer schema kept those names with another meaning,
// its writes would corrupt them silently. So every job write (TakeJob,
// RenewJob, GiveBackJob) reads the catalog's value first and writes
// nothing when it differs (JobContractError), and so do RestoreDocument,
// ReplaceOriginal and a status change to stored, which clear them.
//
// A migration that changes what any of those columns means (a lease
// counted in another unit, attempts counted otherwise, the token given
// another use) MUST set a new value in schema_contract, bump this
// constant with it and be listed in jobContractMigrations; the migration
// runner then locks document against job writes while it runs
// (lockForJobContract).
const JobContract = 1

// JobContractError is the answer of a job write on a catalog whose job
// contract is not this binary's JobContract: nothing was written. Have is
// the catalog's value, 0 when it records none.
type JobContractError struct {
	Have, Known int
}

func (e *JobContractError) Error() string {
	return fmt.Sprintf("the catalog's job contract is %d and this binary knows %d: a newer version gave the job columns (lease_owner, lease_until, lease_token, attempts) another meaning, so this node writes none of them",
		e.Have, e.Known)
}

// checkJobContract returns a JobContractError unless the catalog's job
// contract is JobContract. The caller has already locked the document row
// it writes (or written it), so that on PostgreSQL a contract change,
// which locks document first (lockForJobContract), cannot slip between
// this read and the write; see there.
func (s *Store) checkJobContract(ctx context.Context, tx *sql.Tx) error {
	var have int
	err := tx.QueryRowContext(ctx, `SELECT value FROM schema_contract WHERE name = 'job_lease'`).Scan(&have)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("read the job contract: %w", err)
	}
	if have != JobContract {
		return &JobContractError{Have: have, Known: JobContract}
	}
	return nil
}

// jobContractMigrations are the migrations that change the job contract,
// by name without folder or extension (both dialects' files): each sets a
// new value in schema_contract and may convert the job columns in SQL or
// in its Go step (migrationFills), and the runner locks document against
// job writes while it runs either (lockForJobContract). A migration that
// names schema_contract in its SQL must be listed here
// (TestJobContractMigrationsAreDeclared); one that changes the contract
// in Go alone is known by this list only.
var jobContractMigrations = map[string]bool{
	"051_job_contract": true,
}

// changesJobContract reports whether the migration file name (its path
// among the embedded migrations) is one of jobContractMigrations.
func changesJobContract(name string) bool {
	stem := path.Base(name)
	stem, _, _ = strings.Cut(stem, ".")
	return jobContractMigrations[stem]
}

// lockForJobContract locks the document table against every job write
// before a migration that changes the job contract runs
// (jobContractMigrations), whether its change is in its SQL or in its Go
// step (on PostgreSQL; SQLite's migration is the one writer already).
//
// Why the lock is here and not on the contract row: the job writes read
// the contract row with no lock. Held FOR SHARE, as it once was, every
// take, renewal and give back of every node wrote a row lock on the one
// shared row (its xmax, a multixact when several hold it), and waited
// for anything that held it. Instead a contract change takes EXCLUSIVE on
// document, which every job write needs too (ROW SHARE for TakeJob's
// SELECT … FOR NO KEY UPDATE, ROW EXCLUSIVE for an UPDATE) and which
// plain reads do not wait for. A job write takes its document lock before
// it reads the contract; so either it holds document first, and the
// migration waits until it committed (its write is in the old meaning,
// which the migration then converts like every other row), or the
// migration holds it first, and the job write waits until it committed
// and then, READ COMMITTED, reads the new value and writes nothing.
// The migration's own ALTER TABLE document would lock as much, but a
// contract change may be an UPDATE alone, or touch document last. The
// list, not the SQL's text, decides: a change made in a Go step shows in
// no text, and ran unlocked when the text was scanned for schema_contract.
func (s *Store) lockForJobContract(ctx context.Context, tx *sql.Tx, name string) error {
	if s.dialect.serialWriters || !changesJobContract(name) {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `LOCK TABLE document IN EXCLUSIVE MODE`); err != nil {
		return fmt.Errorf("lock document against job writes for a job contract change: %w", err)
	}
	return nil
}

// newLeaseToken returns the token of a new taking of a job.
func newLeaseToken() string { return rand.Text() }

// addLeaseToken is migration 051's Go step on SQLite: document.lease_token
// where it is missing, so the migration may run again under another
// number.
func addLeaseToken(ctx context.Context, tx *sql.Tx) error {
	return addColumnIfMissing(ctx, tx, "document", "lease_token", `TEXT NOT NULL DEFAULT ''`)
}

package catalog

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
)

// JobContract is the meaning this binary gives the job columns of
// document — lease_owner, lease_until, lease_token and attempts — as the
// 'job_lease' row of schema_contract records it (migration 051). A node
// refused by a catalog a newer binary migrated still gives back the jobs
// it dropped; had the newer schema kept those names with another meaning,
// its writes would corrupt them silently. So every job write (TakeJob,
// RenewJob, GiveBackJob) reads the catalog's value first and writes
// nothing when it differs (JobContractError).
//
// A migration that changes what any of those columns means (a lease
// counted in another unit, attempts counted otherwise, the token given
// another use) MUST set a new value in schema_contract and bump this
// constant with it.
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
// contract is JobContract. On PostgreSQL the row is held FOR SHARE till tx
// ends, so a migration that changes the contract waits for the job write
// that checked it, and the next one sees its value.
func (s *Store) checkJobContract(ctx context.Context, tx *sql.Tx) error {
	var have int
	err := tx.QueryRowContext(ctx, `SELECT value FROM schema_contract WHERE name = 'job_lease'`+s.dialect.lockShare).Scan(&have)
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

// newLeaseToken returns the token of a new taking of a job.
func newLeaseToken() string { return rand.Text() }

// addLeaseToken is migration 051's Go step on SQLite: document.lease_token
// where it is missing, so the migration may run again under another
// number.
func addLeaseToken(ctx context.Context, tx *sql.Tx) error {
	return addColumnIfMissing(ctx, tx, "document", "lease_token", `TEXT NOT NULL DEFAULT ''`)
}

package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// MaxJobAttempts is how many times a document's extraction is taken before
// it is failed as a poison document: a worker that dies on it (killed,
// out of memory) never records a failure, so its lease just runs out.
const MaxJobAttempts = 3

// ErrJobLocked is TakeJob's answer when another transaction holds the
// document's row at that moment (PostgreSQL's SKIP LOCKED passed over
// it) while the document still needs work and no other owner's lease
// holds it: neither taken nor someone else's, it is to be asked for
// again shortly. Dropped instead, a job its own node was retrying (the
// store down) waited for its lease to run out and another node.
var ErrJobLocked = errors.New("the document's row is locked by another transaction; take its job again shortly")

// TakeJob leases the extraction of document id to owner until lease from
// now, when it still needs work (stored or extracted, not deleted) and no
// other owner holds an unexpired lease. It returns the taking's token,
// empty when owner did not get the job: each taking has its own, the same
// node's again included, and RenewJob and GiveBackJob touch only the lease
// of the token they are given. On PostgreSQL the row is locked with FOR NO
// KEY UPDATE SKIP LOCKED, so of several nodes asking at once exactly one
// gets it and the others do not wait; a row skipped that no other owner's
// lease holds is ErrJobLocked. A document taken MaxJobAttempts times
// already is failed instead. On a catalog whose job contract is not
// JobContract it writes nothing (JobContractError).
func (s *Store) TakeJob(ctx context.Context, id, owner string, lease time.Duration) (token string, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var holder, until string
		var attempts int
		const needsWork = `FROM document WHERE id = ? AND deleted_at IS NULL AND status IN ('stored', 'extracted')`
		err := tx.QueryRowContext(ctx, `SELECT lease_owner, lease_until, attempts `+needsWork+s.dialect.skipLocked, id).
			Scan(&holder, &until, &attempts)
		// Read after the SELECT above locked document (lockForJobContract).
		if err := s.checkJobContract(ctx, tx); err != nil {
			return err
		}
		if errors.Is(err, sql.ErrNoRows) && s.dialect.skipLocked != "" {
			// Done, deleted, or locked right now: a plain read, which
			// waits for no lock, tells which.
			err = tx.QueryRowContext(ctx, `SELECT lease_owner, lease_until `+needsWork, id).Scan(&holder, &until)
			if err == nil {
				if holder == "" || holder == owner || !parseTime(until).After(s.now()) {
					return ErrJobLocked
				}
				return nil // another owner's
			}
		}
		if errors.Is(err, sql.ErrNoRows) {
			return nil // done or deleted
		}
		if err != nil {
			return err
		}
		now := s.now()
		held := holder != "" && parseTime(until).After(now)
		if held && holder != owner {
			return nil
		}
		tok := newLeaseToken()
		if held {
			// The same node going on (text first, then OCR): not a new
			// attempt, but a new taking, so that a worker still holding
			// the older one can no longer renew it or give it back.
			_, err = tx.ExecContext(ctx, `UPDATE document SET lease_until = ?, lease_token = ? WHERE id = ?`,
				formatTime(now.Add(lease)), tok, id)
			if err == nil {
				token = tok
			}
			return err
		}
		if attempts >= MaxJobAttempts {
			return s.failPoison(ctx, tx, id, attempts)
		}
		_, err = tx.ExecContext(ctx, `UPDATE document SET lease_owner = ?, lease_until = ?, lease_token = ?,
			attempts = attempts + 1 WHERE id = ?`, owner, formatTime(now.Add(lease)), tok, id)
		if err == nil {
			token = tok
		}
		return err
	})
	if err != nil {
		return "", fmt.Errorf("take job %s: %w", id, err)
	}
	return token, nil
}

func (s *Store) failPoison(ctx context.Context, tx *sql.Tx, id string, attempts int) error {
	seq, err := s.nextSeq(ctx, tx)
	if err != nil {
		return err
	}
	reason := Errorf(EINVALID, "处理了 %d 次仍未完成（处理程序中途退出），请检查文件是否损坏后重新上传", attempts)
	if _, err := tx.ExecContext(ctx, `UPDATE document SET status = 'failed', error = ?, error_en = ?, lease_owner = '',
		lease_until = '', lease_token = '', seq = ? WHERE id = ?`, reason.Message, nullIfEmpty(reason.English), seq, id); err != nil {
		return err
	}
	return s.recordEvent(ctx, tx, Event{User: "system", Action: "document.fail", Object: id,
		Detail: map[string]any{"error": reason.Message, "attempts": attempts}})
}

// RenewJob extends the lease of owner's taking token on document id; it
// reports false when that taking no longer holds it (its lease ran out
// and another taking, this node's own included, holds the job now; or it
// was given back). On a catalog whose job contract is not JobContract it
// writes nothing (JobContractError).
func (s *Store) RenewJob(ctx context.Context, id, owner, token string, lease time.Duration) (bool, error) {
	renewed, err := s.jobWrite(ctx, token, `UPDATE document SET lease_until = ?
		WHERE id = ? AND lease_owner = ? AND lease_token = ?`, formatTime(s.now().Add(lease)), id, owner, token)
	if err != nil {
		return false, fmt.Errorf("renew job %s: %w", id, err)
	}
	return renewed, nil
}

// GiveBackJob gives back the lease of owner's taking token on document id
// and takes back the attempt that taking counted (attempts never go below
// 0): owner dropped the job for no fault of the document (its node was
// refused by a newer catalog, or stopped), which counted against it would
// fail a good document as poison after a few such drops and a crash. The
// job is free at once, for any node to take. It reports false, and
// changes nothing, when that taking no longer holds the job: its lease
// ran out and another taking holds it (another node's, or this node's
// own in another worker, whose attempt it must not take back), or the
// document is done or deleted. On a catalog whose job contract is not
// JobContract it writes nothing (JobContractError).
func (s *Store) GiveBackJob(ctx context.Context, id, owner, token string) (bool, error) {
	gave, err := s.jobWrite(ctx, token, `UPDATE document SET lease_owner = '', lease_until = '', lease_token = '',
		attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
		WHERE id = ? AND lease_owner = ? AND lease_token = ?
		AND deleted_at IS NULL AND status IN ('stored', 'extracted')`, id, owner, token)
	if err != nil {
		return false, fmt.Errorf("give back job %s: %w", id, err)
	}
	return gave, nil
}

// jobWrite runs update, a write of one taking's lease, and keeps it only
// when the job contract is JobContract; it reports whether it changed a
// row. An empty
// token is no taking's: it changes nothing.
func (s *Store) jobWrite(ctx context.Context, token, update string, args ...any) (bool, error) {
	if token == "" {
		return false, nil
	}
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, update, args...)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		// Read after the write locked document (lockForJobContract); a
		// refusal rolls the write back.
		return s.checkJobContract(ctx, tx)
	})
	return n == 1 && err == nil, err
}

// OrphanedJobs returns up to limit documents that still need work and
// whose lease has run out or was never taken before olderThan ago: work a
// node accepted and then died on, or never got to.
func (s *Store) OrphanedJobs(ctx context.Context, olderThan time.Duration, limit int) ([]string, error) {
	now := s.now()
	ids, err := queryStrings(ctx, s.db, `SELECT id FROM document
		WHERE deleted_at IS NULL AND status IN ('stored', 'extracted')
		AND ((lease_until = '' AND uploaded_at < ?) OR (lease_until <> '' AND lease_until < ?))
		ORDER BY seq LIMIT ?`, formatTime(now.Add(-olderThan)), formatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("query orphaned jobs: %w", err)
	}
	return ids, nil
}

package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The states of a submission made for a task (submission.handin,
// migration 035). Deleting a task asks them, not the audit log: a
// submission still uploading holds the task (handInsUnderway); one whose
// upload ended without the task recording it does not.
const (
	// handInUploading: written by an upload that has not yet had the task
	// record the file (ingest stores and links every file first).
	handInUploading = "uploading"
	// handInRecorded: the task records the file (assignment_document),
	// handed in, returned or accepted.
	handInRecorded = "recorded"
	// handInWithdrawn: the department took the file back off the task.
	handInWithdrawn = "withdrawn"
	// handInAbandoned: the upload ended without the task recording the
	// file (AbandonHandIns), or, at migration 035, had ended so before.
	handInAbandoned = "abandoned"
)

// handInOf is the state a new submission starts in: uploading for a
// task's, none for an upload for no task.
func handInOf(sub Submission) string {
	if sub.Assignment == "" {
		return ""
	}
	return handInUploading
}

// markHandIns moves, inside tx, the submissions of document for
// assignment id in one of the states from to state.
func markHandIns(ctx context.Context, tx *sql.Tx, id, document, state string, from ...string) error {
	args := []any{state, id, document}
	for _, f := range from {
		args = append(args, f)
	}
	_, err := tx.ExecContext(ctx, `UPDATE submission SET handin = ? WHERE assignment_id = ? AND document_id = ?
		AND handin IN (?`+strings.Repeat(", ?", len(from)-1)+`)`, args...)
	if err != nil {
		return fmt.Errorf("mark the hand-in of %s for %s %s: %w", document, id, state, err)
	}
	return nil
}

// AbandonHandIns marks the submissions by user of documents for
// assignment id that are still uploading as abandoned: the upload that
// wrote them ended without the task recording those files (a link that
// failed, a task that refused them or is gone, a request that died), so
// they no longer hold the task against deletion. Submissions the task
// recorded meanwhile are left as they are, so it is safe to call for
// every file of an upload whatever became of it.
func (s *Store) AbandonHandIns(ctx context.Context, id, user string, documents []string) error {
	if len(documents) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, d := range documents {
			_, err := tx.ExecContext(ctx, `UPDATE submission SET handin = ? WHERE assignment_id = ? AND document_id = ?
				AND username = ? AND handin = ?`, handInAbandoned, id, d, user, handInUploading)
			if err != nil {
				return fmt.Errorf("abandon the hand-in of %s for %s: %w", d, id, err)
			}
		}
		return nil
	})
}

// AbandonDeadHandIns marks every submission still uploading as abandoned
// and returns how many it marked: called when a one-machine archive's
// server starts (ingest.Service.Start), before it takes a request, when
// no upload can be under way, so those were left by a server that
// stopped in the middle (kill -9, a power cut) and would otherwise hold
// their tasks against deletion for ever. A shared catalog (PostgreSQL)
// is not swept so, as another node may be uploading: its nodes abandon
// the hand-ins of a node that stopped saying it is alive instead
// (AbandonStoppedNodesHandIns).
func (s *Store) AbandonDeadHandIns(ctx context.Context) (int, error) {
	if s.Shared() {
		return 0, nil
	}
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE submission SET handin = ? WHERE handin = ?`, handInAbandoned, handInUploading)
		if err != nil {
			return fmt.Errorf("abandon the hand-ins left by a server that stopped: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// handIn035 is migration 035's Go step: the column where missing (on
// SQLite) and the state of every task's submission that has none yet.
func handIn035(addColumn bool) func(context.Context, *Store, *sql.Tx) error {
	return func(ctx context.Context, _ *Store, tx *sql.Tx) error {
		if addColumn {
			if err := addColumnIfMissing(ctx, tx, "submission", "handin", `TEXT NOT NULL DEFAULT ''`); err != nil {
				return err
			}
		}
		// The LIKE reads the detail recordEvent wrote, its keys without
		// spaces: the one place the state is read from an event's text,
		// once, since nothing else recorded a withdrawal before.
		_, err := tx.ExecContext(ctx, `UPDATE submission SET handin = CASE
			WHEN EXISTS (SELECT 1 FROM assignment_document ad WHERE ad.assignment_id = submission.assignment_id
				AND ad.document_id = submission.document_id) THEN ?
			WHEN EXISTS (SELECT 1 FROM event e WHERE e.object = 'assignment:' || submission.assignment_id
				AND e.action = 'assignment.withdraw' AND e.at >= submission.at
				AND e.detail LIKE '%"document":"' || submission.document_id || '"%') THEN ?
			ELSE ? END
			WHERE handin = '' AND assignment_id IS NOT NULL`, handInRecorded, handInWithdrawn, handInAbandoned)
		if err != nil {
			return fmt.Errorf("fill the states of hand-ins: %w", err)
		}
		return nil
	}
}

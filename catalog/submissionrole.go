package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// addSubmissionRole is the Go step of migration 033 on SQLite: it adds
// submission.role where it is missing, so the migration may run again
// under another number, and fills it (fillSubmissionRoles).
func addSubmissionRole(ctx context.Context, tx *sql.Tx) error {
	if err := addColumnIfMissing(ctx, tx, "submission", "role", `TEXT NOT NULL DEFAULT ''`); err != nil {
		return err
	}
	return fillSubmissionRoles(ctx, tx)
}

// fillSubmissionRoles gives each submission recorded without a role the
// submitter's role now (migration 033): the best knowledge there is of
// the role they had when they submitted it, which nothing recorded
// before tells. A role recorded already is left as it is, so running it
// again rewrites nothing.
func fillSubmissionRoles(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE submission SET role = COALESCE((SELECT u.role FROM app_user u
		WHERE u.username = submission.username), '') WHERE role = ''`)
	if err != nil {
		return fmt.Errorf("fill the roles of submissions: %w", err)
	}
	return nil
}

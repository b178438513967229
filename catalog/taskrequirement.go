package catalog

import (
	"context"
	"database/sql"
)

// addTaskRequirement is migration 052's Go step on SQLite:
// assignment.requirement where it is missing, so the migration may run
// again under another number. It stays NULL for the tasks imported
// before: their table's column was not kept.
func addTaskRequirement(ctx context.Context, tx *sql.Tx) error {
	return addColumnIfMissing(ctx, tx, "assignment", "requirement", `TEXT`)
}

// requirementValue is a task's requirement as the column holds it: NULL
// for none, so that "the table gave none" reads the same on both
// dialects.
func requirementValue(s string) any {
	if s == "" {
		return nil
	}
	return s
}

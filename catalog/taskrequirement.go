package catalog

import (
	"context"
	"database/sql"
	"strings"
)

// addTaskRequirement is migration 052's Go step on SQLite:
// assignment.requirement where it is missing, so the migration may run
// again under another number. It stays NULL for the tasks imported
// before: their table's column was not kept.
func addTaskRequirement(ctx context.Context, tx *sql.Tx) error {
	return addColumnIfMissing(ctx, tx, "assignment", "requirement", `TEXT`)
}

// remarkMark begins a stored requirement that the table's 备注 gave, read
// for want of a 材料要求 column: a note the pages label 备注, not 本市材料
// 要求 (Assignment.RequirementFromRemark). It is a control character no
// cell keeps (the import strips them), so no city's words read as it;
// the column holds it rather than a column of its own beside the text it
// describes.
const remarkMark = "\x1f"

// requirementValue is a task's requirement as the column holds it: NULL
// for none, so that "the table gave none" reads the same on both
// dialects; remarkMark before a 备注's.
func requirementValue(s string, fromRemark bool) sql.NullString {
	if s == "" {
		return sql.NullString{}
	}
	if fromRemark {
		s = remarkMark + s
	}
	return sql.NullString{String: s, Valid: true}
}

// parseRequirement is the requirement a column's value holds and whether
// the table's 备注 gave it (requirementValue).
func parseRequirement(v sql.NullString) (string, bool) {
	s, remark := strings.CutPrefix(v.String, remarkMark)
	return s, remark
}

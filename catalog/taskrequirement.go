package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// addTaskRequirement is migration 052's Go step on SQLite:
// assignment.requirement where it is missing, so the migration may run
// again under another number. It stays NULL for the tasks imported
// before: their table's column was not kept.
func addTaskRequirement(ctx context.Context, tx *sql.Tx) error {
	return addColumnIfMissing(ctx, tx, "assignment", "requirement", `TEXT`)
}

// addRequirementSource is migration 053's Go step on SQLite:
// assignment.requirement_source where it is missing, then a requirement
// marked as a 备注's by a leading U+001F (the form of the hours before
// the column) moved to the column without its mark.
func addRequirementSource(ctx context.Context, tx *sql.Tx) error {
	if err := addColumnIfMissing(ctx, tx, "assignment", "requirement_source", `TEXT NOT NULL DEFAULT ''`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE assignment SET requirement = substr(requirement, 2), requirement_source = '备注'
		WHERE substr(requirement, 1, 1) = char(31)`); err != nil {
		return fmt.Errorf("move the 备注 marks of requirements: %w", err)
	}
	return nil
}

// remarkHeadings are the headings of a table's 备注 column, as
// RemarkHeading compares them: a requirement read from one is a note,
// read for want of a column naming the material.
var remarkHeadings = []string{"备注", "remark", "remarks", "note", "notes"}

// RemarkHeadings are the headings a responsibility table's 备注 column
// may have; the import reads them as its 备注.
func RemarkHeadings() []string { return slices.Clone(remarkHeadings) }

// headingNote is a note in brackets at the end of a heading: 备注（其他）.
var headingNote = regexp.MustCompile(`[（(\[【][^（()）\]】]*[)）\]】]$`)

// RemarkHeading reports whether a requirement's source, a heading as a
// table writes it, is a 备注 column (备注, Remarks, 备注（其他）, *备注：),
// compared as the import compares headings (spreadsheet.HeadingKey).
func RemarkHeading(source string) bool {
	w := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\ufeff' || r == '*' || r == '＊' || r == '※' {
			return -1
		}
		return unicode.ToLower(r)
	}, source)
	for {
		trimmed := strings.TrimRight(headingNote.ReplaceAllString(w, ""), ":：")
		if trimmed == w || trimmed == "" {
			break
		}
		w = trimmed
	}
	return slices.Contains(remarkHeadings, w)
}

// requirementValue is a task's requirement as the column holds it: NULL
// for none, so that "the table gave none" reads the same on both
// dialects.
func requirementValue(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// requirementSource is the source stored beside a requirement s: none
// for none, whatever a row named.
func requirementSource(s, source string) string {
	if s == "" {
		return ""
	}
	return source
}

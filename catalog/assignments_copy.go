package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/oklog/ulid/v2"
)

// AssignmentCopy says what copying a responsibility table from an earlier
// round did.
type AssignmentCopy struct {
	FromRound int
	Round     int
	Added     int // tasks new in Round, 未提交
	Existing  int // tasks Round already had, left as they were
	// Skipped are the earlier round's tasks not copied, because their
	// indicator is not a key indicator of the current framework.
	Skipped []Assignment
	// Redated counts the tasks added due on another day than the shifted
	// one, as the copy's dueOf gave them (CopyAssignmentsDue): those the
	// shift left due already.
	Redated int
	// Overdue counts the tasks a copy given no new date (CopyPrevious)
	// added due before today: a table copied in late starts with them
	// 逾期.
	Overdue int
}

// PreviousAssignmentRound returns the latest round before round in which
// the city has a responsibility table, or 0 when it has none.
func (s *Store) PreviousAssignmentRound(ctx context.Context, city string, round int) (int, error) {
	var from sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT MAX(round) FROM assignment WHERE city = ? AND round < ?`, city, round).Scan(&from)
	if err != nil {
		return 0, fmt.Errorf("previous assignment round: %w", err)
	}
	return int(from.Int64), nil
}

// CopyAssignments copies a city's tasks of round from into round to, in
// one transaction: each becomes an open task (未提交) of the same
// indicator, department, contact and requirement, due on the same day as
// many years later as the rounds are apart (29 February becomes 28
// February). Only tasks whose indicator keep says yes are copied, the
// others are listed as skipped; a task round to already has (same
// indicator and department) is left as it is. The earlier round is not
// changed.
func (s *Store) CopyAssignments(ctx context.Context, city string, from, to int, keep func(code string) bool, by string) (*AssignmentCopy, error) {
	return s.CopyAssignmentsDue(ctx, city, from, to, keep, nil, by)
}

// CopyAssignmentsDue is CopyAssignments with each task added due on
// dueOf of its shifted date (nil: the shifted date): a table copied into
// a round late would otherwise start with every task overdue. dueOf is
// asked only of tasks round to does not have yet; an error it returns
// undoes the copy.
func (s *Store) CopyAssignmentsDue(ctx context.Context, city string, from, to int, keep func(code string) bool,
	dueOf func(shifted string) (string, error), by string) (*AssignmentCopy, error) {
	out := &AssignmentCopy{FromRound: from, Round: to}
	list, err := s.FindAssignments(ctx, AssignmentFilter{City: city, Round: from})
	if err != nil {
		return nil, err
	}
	had, err := s.FindAssignments(ctx, AssignmentFilter{City: city, Round: to})
	if err != nil {
		return nil, err
	}
	// A task the round has already keeps its own date: dueOf, which may
	// refuse a date already past, is not asked about it.
	existing := map[[2]string]bool{}
	for _, a := range had {
		existing[[2]string{a.Indicator, a.DepartmentID}] = true
	}
	now := formatTime(s.now())
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.holdRound(ctx, tx, to); err != nil {
			return err
		}
		for _, a := range list {
			if !keep(a.Indicator) {
				out.Skipped = append(out.Skipped, a)
				continue
			}
			shifted := ShiftDue(a.Due, to-from)
			due := shifted
			_, isThere := existing[[2]string{a.Indicator, a.DepartmentID}]
			if dueOf != nil && !isThere {
				if due, err = dueOf(shifted); err != nil {
					return err
				}
			}
			// Two copies at once (a double click, two coordinators) meet in
			// the unique index: on PostgreSQL a count first would let both
			// see none and the second fail as a duplicate.
			res, err := tx.ExecContext(ctx, `INSERT INTO assignment (id, city, round, indicator_code, department_id, due, contact,
				requirement, requirement_source, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (city, round, indicator_code, department_id) DO NOTHING`,
				ulid.Make().String(), city, to, a.Indicator, a.DepartmentID, due, a.Contact, requirementValue(a.Requirement),
				requirementSource(a.Requirement, a.RequirementSource), AssignmentOpen, by, now, now)
			if err != nil {
				return fmt.Errorf("copy assignment %s: %w", a.ID, err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("copy assignment %s: %w", a.ID, err)
			} else if n == 0 {
				out.Existing++
				continue
			}
			out.Added++
			if due != shifted {
				out.Redated++
			}
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "assignment.copy", Object: fmt.Sprintf("assignments:%s:%d", city, to),
			Detail: map[string]any{"city": city, "from": from, "round": to, "added": out.Added, "existing": out.Existing,
				"skipped": len(out.Skipped), "redated": out.Redated}})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ShiftDue moves a due date (YYYY-MM-DD) by whole years, keeping month
// and day; 29 February in a year without one becomes 28 February. A date
// it cannot read is returned as it is.
func ShiftDue(due string, years int) string {
	t, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return due
	}
	y, m, d := t.Date()
	shifted := time.Date(y+years, m, d, 0, 0, 0, 0, time.UTC)
	if shifted.Month() != m {
		shifted = time.Date(y+years, m+1, 0, 0, 0, 0, 0, time.UTC) // the month's last day
	}
	return shifted.Format(time.DateOnly)
}

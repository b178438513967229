package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// emptiedCond selects (over assignment a) the submitted or accepted
// assignments with no live document handed in: what deleting the last
// one sends back (reopenEmptiedAssignments), but found among all. Tasks
// emptied before deletes sent them back stayed 已提交 with nothing to
// look at.
const emptiedCond = `a.status IN (?, ?) AND NOT EXISTS (SELECT 1 FROM assignment_document o
	JOIN document d ON d.id = o.document_id WHERE o.assignment_id = a.id AND d.deleted_at IS NULL)`

// EmptiedAssignments returns the submitted or accepted assignments that
// have no live document handed in (every one deleted), by city, round,
// department and indicator: what `evidence check` names and
// ReopenEmptiedAssignments mends.
func (s *Store) EmptiedAssignments(ctx context.Context) ([]Assignment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+assignmentColumns+` FROM assignment a JOIN department d ON d.id = a.department_id
		WHERE `+emptiedCond+` ORDER BY a.city, a.round, d.name, a.indicator_code, a.id`, AssignmentSubmitted, AssignmentAccepted)
	if err != nil {
		return nil, fmt.Errorf("query emptied assignments: %w", err)
	}
	defer rows.Close()
	var out []Assignment
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			return nil, fmt.Errorf("scan emptied assignment: %w", err)
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// ReopenedTask is an assignment as it was before ReopenEmptiedAssignments
// sent it back, and the status it went to.
type ReopenedTask struct {
	Assignment
	To AssignmentStatus
}

// ReopenEmptiedAssignments puts every assignment EmptiedAssignments finds
// back where it stood before its hand-in (open, or returned with the last
// return's reason), as deleting its last document does now, with an audit
// event (assignment.reopen) per assignment, in one transaction. It
// returns each as it was before with where it went; running it again
// finds none.
func (s *Store) ReopenEmptiedAssignments(ctx context.Context, by string) ([]ReopenedTask, error) {
	var out []ReopenedTask
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		rows, err := tx.QueryContext(ctx, `SELECT `+assignmentColumns+` FROM assignment a JOIN department d ON d.id = a.department_id
			WHERE `+emptiedCond+` ORDER BY a.city, a.round, d.name, a.indicator_code, a.id`+s.dialect.lockRow,
			AssignmentSubmitted, AssignmentAccepted)
		if err != nil {
			return fmt.Errorf("query emptied assignments: %w", err)
		}
		for rows.Next() {
			a, err := scanAssignment(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("scan emptied assignment: %w", err)
			}
			out = append(out, ReopenedTask{Assignment: *a})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, a := range out {
			to, err := s.reopenAssignment(ctx, tx, a.ID, map[string]any{"reason": "no handed-in document left (repair)",
				"was": a.Status}, by)
			if err != nil {
				return err
			}
			out[i].To = to
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// reopenAssignment puts an assignment back where it stood before its
// hand-in (statusBeforeHandIn), with an assignment.reopen event whose
// detail is detail and the status it went to; it returns that status.
func (s *Store) reopenAssignment(ctx context.Context, tx *sql.Tx, id string, detail map[string]any, by string) (AssignmentStatus, error) {
	to, why, err := statusBeforeHandIn(ctx, tx, id)
	if err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE assignment SET status = ?, reason = ?, updated_at = ? WHERE id = ?`,
		to, why, formatTime(s.now()), id); err != nil {
		return "", fmt.Errorf("reopen assignment %s: %w", id, err)
	}
	detail["status"] = to
	return to, s.recordEvent(ctx, tx, Event{User: by, Action: "assignment.reopen", Object: "assignment:" + id, Detail: detail})
}

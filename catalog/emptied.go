package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// emptiedAssignments returns, read through db, the submitted or
// accepted assignments with no live document handed in but returned
// ones, by city, round, department and indicator: all of them, or, when
// documents are given, those they were handed in for, counting them as
// deleted (they have just been deleted in the caller's transaction, or
// are about to be: DeletingReopens). lock ends the SELECT: the dialect's
// lockRow when the caller changes them in its transaction, "" to read
// only. This is the one rule of what deleting the last document sends
// back, of what a deletion's question names, and of what check names and
// repair mends among tasks emptied before deletes did.
func emptiedAssignments(ctx context.Context, db querier, documents []string, lock string) ([]Assignment, error) {
	others, cond, args := ``, ``, []any{AssignmentSubmitted, AssignmentAccepted}
	if len(documents) > 0 {
		in := `(?` + strings.Repeat(`, ?`, len(documents)-1) + `)`
		others, cond = ` AND o.document_id NOT IN `+in, ` AND a.id IN (SELECT assignment_id FROM assignment_document WHERE document_id IN `+in+`)`
		for range 2 {
			for _, d := range documents {
				args = append(args, d)
			}
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT `+assignmentColumns+` FROM assignment a JOIN department d ON d.id = a.department_id
		WHERE a.status IN (?, ?) AND NOT EXISTS (SELECT 1 FROM assignment_document o
			JOIN document od ON od.id = o.document_id WHERE o.assignment_id = a.id AND od.deleted_at IS NULL
			AND o.returned_at = ''`+others+`)`+cond+`
		ORDER BY a.city, a.round, d.name, a.indicator_code, a.id`+lock, args...)
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

// DeletingReopens returns the submitted or accepted assignments that
// deleting documents (all of them) would send back to where they stood
// before their hand-in, as DeleteDocument does to a task left with no
// live document handed in: for the question before a deletion, which
// names them. Nothing changes.
func (s *Store) DeletingReopens(ctx context.Context, documents []string) ([]Assignment, error) {
	if len(documents) == 0 {
		return nil, nil
	}
	return emptiedAssignments(ctx, s.db, documents, "")
}

// EmptiedAssignments returns the submitted or accepted assignments that
// have no live document handed in (every one deleted before deletes sent
// such tasks back), by city, round, department and indicator: what
// `evidence check` names and ReopenEmptiedAssignments mends.
func (s *Store) EmptiedAssignments(ctx context.Context) ([]Assignment, error) {
	return emptiedAssignments(ctx, s.db, nil, "")
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
		var err error
		out, err = s.reopenEmptied(ctx, tx, "", "no handed-in document left (repair)", by)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// reopenEmptied sends back, inside tx, the assignments emptiedAssignments
// finds (of document, when it is not ""), each with an assignment.reopen
// event naming reason, the status it had (was) and document; it returns
// each as it was with where it went.
func (s *Store) reopenEmptied(ctx context.Context, tx *sql.Tx, document, reason, by string) ([]ReopenedTask, error) {
	var documents []string
	if document != "" {
		documents = []string{document}
	}
	tasks, err := emptiedAssignments(ctx, tx, documents, s.dialect.lockRow)
	if err != nil {
		return nil, err
	}
	out := make([]ReopenedTask, len(tasks))
	for i, a := range tasks {
		// was and was_reason: where a restore of the document puts the
		// task back when nothing happened to it since (restoreback.go).
		detail := map[string]any{"reason": reason, "was": a.Status, "was_reason": a.Reason}
		if document != "" {
			detail["document"] = document
		}
		to, err := s.reopenAssignment(ctx, tx, a.ID, detail, by)
		if err != nil {
			return nil, err
		}
		out[i] = ReopenedTask{Assignment: a, To: to}
	}
	return out, nil
}

// reopenAssignment puts an assignment back where it stood before its
// hand-in (statusBeforeHandIn), with an assignment.reopen event whose
// detail is detail and the status it went to; it returns that status.
func (s *Store) reopenAssignment(ctx context.Context, tx *sql.Tx, id string, detail map[string]any, by string) (AssignmentStatus, error) {
	to, why, err := s.statusBeforeHandIn(ctx, tx, id)
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

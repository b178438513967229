package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// twinTask is a task both departments of a merge hold: the same round
// and indicator, kept (the into-department's) and gone (the merged
// department's), as they stand.
type twinTask struct {
	round                    int
	code                     string
	kept, gone               string
	keptStatus, goneStatus   AssignmentStatus
	keptDue, goneDue         string
	keptContact, goneContact string
	keptReason, goneReason   string
}

func (t twinTask) name() string { return strconv.Itoa(t.round) + " " + t.code }

// twinTasks reads the tasks both departments of m hold, locking them.
func (s *Store) twinTasks(ctx context.Context, tx *sql.Tx, m *DepartmentMerge) ([]twinTask, error) {
	rows, err := tx.QueryContext(ctx, `SELECT a.round, a.indicator_code, b.id, a.id, b.status, a.status, b.due, a.due,
		b.contact, a.contact, b.reason, a.reason FROM assignment a
		JOIN assignment b ON b.city = a.city AND b.round = a.round AND b.indicator_code = a.indicator_code AND b.department_id = ?
		WHERE a.department_id = ? ORDER BY a.round, a.indicator_code`+s.dialect.lockRow, m.Into.ID, m.From.ID)
	if err != nil {
		return nil, fmt.Errorf("query tasks both departments hold: %w", err)
	}
	defer rows.Close()
	var out []twinTask
	for rows.Next() {
		var t twinTask
		if err := rows.Scan(&t.round, &t.code, &t.kept, &t.gone, &t.keptStatus, &t.goneStatus, &t.keptDue, &t.goneDue,
			&t.keptContact, &t.goneContact, &t.keptReason, &t.goneReason); err != nil {
			return nil, fmt.Errorf("read task both departments hold: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// mergedStatus is where the one task stands that twin becomes: a status
// both share, or the other's when one is still open (未提交: nothing of
// it to keep). ok is false for two different stands that cannot be told
// apart safely (one accepted and one returned, or submitted beside
// either): the coordinator settles them first.
func mergedStatus(t twinTask) (st AssignmentStatus, reason string, ok bool) {
	switch {
	case t.keptStatus == t.goneStatus:
		reasons := []string{}
		for _, r := range []string{t.keptReason, t.goneReason} {
			if r != "" && !strings.Contains(strings.Join(reasons, "；"), r) {
				reasons = append(reasons, r)
			}
		}
		return t.keptStatus, strings.Join(reasons, "；"), true
	case t.goneStatus == AssignmentOpen:
		return t.keptStatus, t.keptReason, true
	case t.keptStatus == AssignmentOpen:
		return t.goneStatus, t.goneReason, true
	}
	return "", "", false
}

// mergeTwinTasks makes each task both departments of m hold one: the
// into-department's task is kept, with the earlier of the two due dates
// (the department owes it by the earlier one), its contact and its
// requirement (else the other's), and the status mergedStatus gives; the
// other's files handed in, their submissions and returns, and its history
// (its events, now also about the task kept: event_about) move onto it,
// and the other is deleted. Two tasks whose stands cannot be merged are EINVALID, naming
// them and what to do, and nothing moves. It returns
// the tasks merged (round and indicator) and the ids of the tasks kept
// and gone, for the merge event.
func (s *Store) mergeTwinTasks(ctx context.Context, tx *sql.Tx, m *DepartmentMerge) (names, objects []string, err error) {
	twins, err := s.twinTasks(ctx, tx, m)
	if err != nil {
		return nil, nil, err
	}
	var unsafe []string
	for _, t := range twins {
		if _, _, ok := mergedStatus(t); !ok {
			unsafe = append(unsafe, t.name())
		}
	}
	if len(unsafe) > 0 {
		return nil, nil, FieldErrorf("name", EINVALID, "“%s”和“%s”有 %d 项相同的任务状态不同（%s），不能合为一项；请先在任务表中确认或退回其中一方的这项任务，使两项状态相同（或其中一项未提交），再合并",
			m.From.Name, m.Into.Name, len(unsafe), namedList(unsafe))
	}
	for _, t := range twins {
		dropped, err := s.keepLiveHandIns(ctx, tx, t)
		if err != nil {
			return nil, nil, err
		}
		m.droppedReturns = append(m.droppedReturns, dropped...)
		if err := s.mergeTwinTask(ctx, tx, t); err != nil {
			return nil, nil, err
		}
		names = append(names, t.name())
		objects = append(objects, "assignment:"+t.kept, "assignment:"+t.gone)
	}
	return names, objects, nil
}

// mergeTwinTask moves the task t.gone onto t.kept and deletes it.
func (s *Store) mergeTwinTask(ctx context.Context, tx *sql.Tx, t twinTask) error {
	st, reason, _ := mergedStatus(t)
	due, contact := t.keptDue, t.keptContact
	if t.goneDue < due {
		due = t.goneDue
	}
	if contact == "" {
		contact = t.goneContact
	}
	steps := []struct {
		what, query string
		args        []any
	}{
		{"keep task", `UPDATE assignment SET status = ?, reason = ?, due = ?, contact = ?, updated_at = ? WHERE id = ?`,
			[]any{st, reason, due, contact, formatTime(s.now()), t.kept}},
		// The city's words for what is wanted stay when the task kept
		// had none of its own.
		{"keep requirement of task", `UPDATE assignment SET requirement = (SELECT g.requirement FROM assignment g WHERE g.id = ?),
			requirement_source = (SELECT g.requirement_source FROM assignment g WHERE g.id = ?)
			WHERE id = ? AND requirement IS NULL`, []any{t.gone, t.gone, t.kept}},
		{"move files of task", `UPDATE assignment_document SET assignment_id = ? WHERE assignment_id = ?
			AND document_id NOT IN (SELECT document_id FROM assignment_document WHERE assignment_id = ?)`, []any{t.kept, t.gone, t.kept}},
		{"drop files both tasks hold of task", `DELETE FROM assignment_document WHERE assignment_id = ?`, []any{t.gone}},
		{"move hand-ins of task", `UPDATE submission SET assignment_id = ? WHERE assignment_id = ?`, []any{t.kept, t.gone}},
		{"move returns of deleted tasks of task", `UPDATE deleted_task_return SET assignment_id = ? WHERE assignment_id = ?`, []any{t.kept, t.gone}},
		{"move history of task", `INSERT INTO event_about (event_id, object)
			SELECT e.id, ? FROM event e WHERE (e.object = ? OR e.id IN (SELECT event_id FROM event_about WHERE object = ?))
			AND e.object <> ? AND NOT EXISTS (SELECT 1 FROM event_about o WHERE o.object = ? AND o.event_id = e.id)`,
			[]any{"assignment:" + t.kept, "assignment:" + t.gone, "assignment:" + t.gone, "assignment:" + t.kept, "assignment:" + t.kept}},
		{"delete task", `DELETE FROM assignment WHERE id = ?`, []any{t.gone}},
	}
	for _, step := range steps {
		if _, err := tx.ExecContext(ctx, step.query, step.args...); err != nil {
			return fmt.Errorf("%s %s: %w", step.what, t.gone, err)
		}
	}
	return nil
}

// keepLiveHandIns drops, inside tx, the kept task's row of each file it
// holds as returned while the other task holds it handed in and not
// returned, so that mergeTwinTask moves the live row over: the second
// department's hand-in stands (review s43 finding 6: the return was kept
// and the hand-in lost). It returns the returns dropped, for the merge
// event, so their history is not lost.
func (s *Store) keepLiveHandIns(ctx context.Context, tx *sql.Tx, t twinTask) ([]map[string]any, error) {
	rows, err := tx.QueryContext(ctx, `SELECT k.document_id, k.submitted_by, k.returned_at, k.returned_by, k.return_reason
		FROM assignment_document k JOIN assignment_document g ON g.document_id = k.document_id AND g.assignment_id = ?
		WHERE k.assignment_id = ? AND k.returned_at <> '' AND g.returned_at = '' ORDER BY k.document_id`, t.gone, t.kept)
	if err != nil {
		return nil, fmt.Errorf("query returns of task %s the other task handed in: %w", t.kept, err)
	}
	defer rows.Close()
	var dropped []map[string]any
	for rows.Next() {
		var doc, submittedBy, at, by, reason string
		if err := rows.Scan(&doc, &submittedBy, &at, &by, &reason); err != nil {
			return nil, fmt.Errorf("read a return of task %s: %w", t.kept, err)
		}
		dropped = append(dropped, map[string]any{"task": t.name(), "assignment_id": t.kept, "document_id": doc,
			"submitted_by": submittedBy, "returned_at": at, "returned_by": by, "reason": reason})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read returns of task %s: %w", t.kept, err)
	}
	for _, d := range dropped {
		if _, err := tx.ExecContext(ctx, `DELETE FROM assignment_document WHERE assignment_id = ? AND document_id = ?`,
			t.kept, d["document_id"]); err != nil {
			return nil, fmt.Errorf("drop the return of %s on task %s: %w", d["document_id"], t.kept, err)
		}
	}
	return dropped, nil
}

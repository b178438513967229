package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DeleteAssignment deletes an assignment added or imported by mistake,
// in one transaction with an assignment.delete event naming what it was
// (city, round, indicator, department, due date): it then no longer
// counts as owed or overdue, no longer holds its department, and is not
// copied into later rounds. Only a task nothing counts as handed in for
// may go: an accepted task is ECONFLICT, and so is one with a file handed
// in and neither returned nor withdrawn, the message saying to withdraw
// or return it first. The records of files returned (and since withdrawn
// or deleted) go with the task, named in the event; the returns among
// them are kept (deleted_task_return, PastReturns), so the document page
// still says the file was returned, by whom, when and why. The documents
// stay. A hand-in under way (handInsUnderway) is ECONFLICT too: its files
// are stored and linked before the task records them. An assignment that
// is not there is ENOTFOUND.
func (s *Store) DeleteAssignment(ctx context.Context, id, by string) (*Assignment, error) {
	a, err := s.Assignment(ctx, id)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		// The round before the task row, in the order a hand-in takes
		// them (holdAssignmentRound, then changeAssignment's UPDATE).
		if err := s.holdAssignmentRound(ctx, tx, id); err != nil {
			return err
		}
		// Holding the round is a shared lock a hand-in holds as well; the
		// row lock is what makes a hand-in committing now wait for the
		// decision, or the decision wait and see the hand-in, instead of
		// the DELETE failing on its foreign key (a 500).
		var status AssignmentStatus
		err := tx.QueryRowContext(ctx, `SELECT status FROM assignment WHERE id = ?`+s.dialect.lockRow, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "该任务已不存在（可能刚被删除）；请刷新页面")
		}
		if err != nil {
			return fmt.Errorf("lock task %s: %w", id, err)
		}
		pending, err := pendingFiles(ctx, tx, id)
		if err != nil {
			return err
		}
		uploading, err := handInsUnderway(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case status == AssignmentAccepted:
			return Errorf(ECONFLICT, "任务已确认，不能删除：确认的材料是本轮该指标的佐证；如任务确属误加，请先删除已确认的材料（任务随之重新打开），再删除任务")
		case len(pending) > 0:
			return Errorf(ECONFLICT, "该任务已有 %d 份部门提交的材料，不能删除；如任务确属误加，请先由部门撤回这些材料，或由协调员退回后再删除", len(pending))
		case uploading > 0:
			return Errorf(ECONFLICT, "该部门正在提交材料（%d 份文件已存入档案，尚未记入任务），不能删除；请待提交完成后刷新页面，由部门撤回或由协调员退回后再删除", uploading)
		}
		returned, err := returnedRecords(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := keepReturns(ctx, tx, a, returned, by, formatTime(s.now())); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assignment_document WHERE assignment_id = ?`, id); err != nil {
			return fmt.Errorf("delete the returned files' records of task %s: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assignment WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete task %s: %w", id, err)
		}
		detail := map[string]any{"city": a.City, "round": a.Round, "indicator": a.Indicator, "department": a.Department, "due": a.Due}
		if len(returned) > 0 {
			detail["returned"] = returned
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "assignment.delete", Object: "assignment:" + id, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// returnedRecord is one file's record on a task about to be deleted:
// its document and, when the coordinator returned it, who, when and why
// (At "" for a file not returned, whose document was deleted).
type returnedRecord struct {
	Document string `json:"document"`
	By       string `json:"by,omitempty"`
	At       string `json:"at,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// returnedRecords are the records assignment id keeps of its files
// returned, withdrawn or deleted, inside tx.
func returnedRecords(ctx context.Context, tx *sql.Tx, id string) ([]returnedRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT document_id, returned_by, returned_at, return_reason FROM assignment_document
		WHERE assignment_id = ? ORDER BY at, document_id`, id)
	if err != nil {
		return nil, fmt.Errorf("the returned files of task %s: %w", id, err)
	}
	defer rows.Close()
	var out []returnedRecord
	for rows.Next() {
		var r returnedRecord
		if err := rows.Scan(&r.Document, &r.By, &r.At, &r.Reason); err != nil {
			return nil, fmt.Errorf("read a returned file of task %s: %w", id, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// keepReturns writes, inside tx, the returns among records of task a,
// deleted by by at now, into deleted_task_return: the task's rows go
// with it, and a file sent back stays marked 曾被退回 (PastReturns).
func keepReturns(ctx context.Context, tx *sql.Tx, a *Assignment, records []returnedRecord, by, now string) error {
	for _, r := range records {
		if r.At == "" {
			continue
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO deleted_task_return (document_id, assignment_id, city, round, indicator_code,
			department, returned_by, returned_at, reason, deleted_by, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.Document, a.ID, a.City, a.Round, a.Indicator, a.Department, r.By, r.At, r.Reason, by, now)
		if err != nil {
			return fmt.Errorf("keep the return of %s from task %s: %w", r.Document, a.ID, err)
		}
	}
	return nil
}

// PastReturn is a return (退回) of a document handed in for a task since
// deleted: the task, as it was, and who returned the file, when and why.
type PastReturn struct {
	City       string
	Round      int
	Indicator  string
	Department string
	By         string
	At         time.Time
	Reason     string
	// DeletedBy deleted the task, at DeletedAt.
	DeletedBy string
	DeletedAt time.Time
}

// PastReturns lists, oldest first, the returns of documentID kept from
// tasks deleted since (DeleteAssignment): what the document page shows as
// 曾被退回 once no task lists the file. None is an empty list.
func (s *Store) PastReturns(ctx context.Context, documentID string) ([]PastReturn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT city, round, indicator_code, department, returned_by, returned_at, reason,
		deleted_by, deleted_at FROM deleted_task_return WHERE document_id = ? ORDER BY returned_at, assignment_id`, documentID)
	if err != nil {
		return nil, fmt.Errorf("past returns of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []PastReturn
	for rows.Next() {
		var r PastReturn
		var at, deletedAt string
		if err := rows.Scan(&r.City, &r.Round, &r.Indicator, &r.Department, &r.By, &at, &r.Reason, &r.DeletedBy, &deletedAt); err != nil {
			return nil, fmt.Errorf("read a past return of %s: %w", documentID, err)
		}
		r.At, r.DeletedAt = parseTime(at), parseTime(deletedAt)
		out = append(out, r)
	}
	return out, rows.Err()
}

// handInsUnderway counts, inside tx, the documents being handed in for
// assignment id: a live document with a submission for the task still
// uploading (submission.handin), which the task does not record yet
// (Upload stores and links every file before it records them). An upload
// that ended without the task recording its files marked them abandoned,
// and a withdrawal marked its file withdrawn: neither holds the task.
func handInsUnderway(ctx context.Context, tx *sql.Tx, id string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(DISTINCT sb.document_id) FROM submission sb
		JOIN document d ON d.id = sb.document_id AND d.deleted_at IS NULL
		WHERE sb.assignment_id = ? AND sb.handin = ?
		AND NOT EXISTS (SELECT 1 FROM assignment_document ad WHERE ad.assignment_id = sb.assignment_id AND ad.document_id = sb.document_id)`,
		id, handInUploading).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("hand-ins under way for task %s: %w", id, err)
	}
	return n, nil
}

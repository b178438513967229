package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// handInLinksSQL selects the links that hand-ins for an assignment made
// (the assignment's id is its first argument): a link of a document handed
// in for it to its indicator, made by the one who handed the document in
// for it, no earlier than that hand-in's submission — so not a link the
// coordinator made by hand before, which the hand-in found and kept — and
// that no hand-in for another task of the same indicator, still submitted
// or accepted, relies on (another department that handed in the same
// bytes, not returned there). More conditions follow as AND.
const handInLinksSQL = `WHERE l.id IN (SELECT hl.id FROM link hl JOIN assignment a ON a.id = ?
	JOIN assignment_document ad ON ad.assignment_id = a.id AND ad.document_id = hl.document_id
	WHERE hl.indicator_code = a.indicator_code
	AND EXISTS (SELECT 1 FROM submission s WHERE s.document_id = hl.document_id AND s.username = hl.created_by
		AND s.assignment_id = a.id AND s.at <= hl.created_at)
	AND NOT EXISTS (SELECT 1 FROM assignment_document o JOIN assignment oa ON oa.id = o.assignment_id
		WHERE o.document_id = hl.document_id AND oa.id <> a.id AND oa.indicator_code = a.indicator_code
		AND o.returned_at = '' AND oa.status IN ('submitted', 'accepted')))`

// HandInLinks returns the links that hand-ins for an assignment made
// (handInLinksSQL), oldest first: what returning it or withdrawing its
// documents removes.
func (s *Store) HandInLinks(ctx context.Context, assignmentID string) ([]Link, error) {
	return queryLinks(ctx, s.db, handInLinksSQL, assignmentID)
}

// unlinkHandIns deletes, inside tx, the links hand-ins for an assignment
// made (of document only, when it is not ""), with a link.delete event per
// link naming the assignment and why; links carried into another round
// and still to confirm go with them, so a returned or withdrawn hand-in is
// never carried over. It returns the links deleted.
func (s *Store) unlinkHandIns(ctx context.Context, tx *sql.Tx, assignmentID, document, why, by string) ([]Link, error) {
	where, args := handInLinksSQL, []any{assignmentID}
	if document != "" {
		where, args = where+` AND l.document_id = ?`, append(args, document)
	}
	links, err := queryLinks(ctx, tx, where, args...)
	if err != nil {
		return nil, fmt.Errorf("links handed in for %s: %w", assignmentID, err)
	}
	for _, l := range links {
		if err := s.unlinkOne(ctx, tx, l, by, map[string]any{"assignment": assignmentID, "reason": why}); err != nil {
			return nil, err
		}
	}
	return links, nil
}

// unlinkOne deletes, inside tx, link l that no hand-in should have left
// (unlinkHandIns, unlinkOldReturns): with its carry-overs still to
// confirm, the document renumbered for the index, and a link.delete event
// by by, whose detail adds to the link's own.
func (s *Store) unlinkOne(ctx context.Context, tx *sql.Tx, l Link, by string, detail map[string]any) error {
	if err := s.lockLinkDocument(ctx, tx, l.DocumentID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM link WHERE id = ?`, l.ID); err != nil {
		return fmt.Errorf("delete link %s: %w", l.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM carryover WHERE kind = 'link' AND object_id = ? AND state = ?`,
		l.ID, CarryToConfirm); err != nil {
		return fmt.Errorf("carry-overs of link %s: %w", l.ID, err)
	}
	if err := s.bumpSeq(ctx, tx, l.DocumentID); err != nil {
		return err
	}
	detail["link"], detail["indicator"] = l.ID, l.IndicatorCode
	return s.recordEvent(ctx, tx, Event{User: by, Action: "link.delete", Object: l.DocumentID, Detail: detail})
}

// ReturnAssignment is ReturnAssignmentFiles of every file handed in.
func (s *Store) ReturnAssignment(ctx context.Context, id, reason, by string) ([]Link, error) {
	return s.ReturnAssignmentFiles(ctx, id, reason, by, nil)
}

// ReturnAssignmentFiles returns files of a submitted assignment to its
// department with reason: documents, the files chosen (nil: every file
// handed in and not returned yet). Each is marked returned (who, when,
// why; Assignment.Returned) and, in the same transaction, the links its
// hand-in made are deleted (unlinkHandIns): a file sent back is no
// evidence for the indicator, nor carried into the next round, while the
// links the coordinator made by hand stay. The documents stay, listed on
// the task. When every file handed in is returned the assignment is
// returned (ChangeAssignment); when some stay handed in, it stays
// submitted, the files kept waiting for 确认 and the department told
// which came back. Either way one assignment.returned event names the
// files returned and kept. A document not handed in for it and not
// returned yet, and a task no longer submitted, are ECONFLICT. It
// returns the links deleted.
func (s *Store) ReturnAssignmentFiles(ctx context.Context, id, reason, by string, documents []string) ([]Link, error) {
	var unlinked []Link
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// Before the documents unlinkHandIns locks (roundhold.go).
		if err := s.holdAssignmentRound(ctx, tx, id); err != nil {
			return err
		}
		pending, err := pendingFiles(ctx, tx, id)
		if err != nil {
			return err
		}
		chosen, kept, err := chooseReturned(pending, documents)
		if err != nil {
			return err
		}
		// A return of every file unlinks as returns always did: the links
		// of deleted files' hand-ins too.
		whose := chosen
		if len(kept) == 0 {
			whose = []string{""}
		}
		for _, d := range whose {
			links, err := s.unlinkHandIns(ctx, tx, id, d, "hand-in returned", by)
			if err != nil {
				return err
			}
			unlinked = append(unlinked, links...)
		}
		unlinkedDocs := make([]string, len(unlinked))
		for i, l := range unlinked {
			unlinkedDocs[i] = l.DocumentID
		}
		more := map[string]any{"unlinked": unlinkedDocs, "returned": chosen}
		if len(kept) == 0 {
			c := AssignmentChange{ID: id, From: []AssignmentStatus{AssignmentSubmitted}, To: AssignmentReturned, Reason: reason, By: by}
			return s.changeAssignment(ctx, tx, c, more)
		}
		more["kept"] = kept
		return s.returnSome(ctx, tx, id, reason, by, chosen, more)
	})
	if err != nil {
		return nil, err
	}
	return unlinked, nil
}

// pendingFiles are, in the order handed in, the files of assignment id
// handed in and not returned whose documents are not deleted: what a
// return may send back.
func pendingFiles(ctx context.Context, tx *sql.Tx, id string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT ad.document_id FROM assignment_document ad JOIN document doc ON doc.id = ad.document_id
		WHERE ad.assignment_id = ? AND ad.returned_at = '' AND doc.deleted_at IS NULL ORDER BY ad.at, ad.document_id`, id)
	if err != nil {
		return nil, fmt.Errorf("files handed in for %s: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("read a file handed in for %s: %w", id, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// chooseReturned splits pending into the files documents names (all of
// them when documents is nil) and the others, kept; a document not
// pending (a page shown before it was returned or withdrawn) is ECONFLICT.
// An empty choice that is not nil is EINVALID: a form with every box
// unticked, or a client that filtered its list down to nothing, did not
// mean to return every file.
func chooseReturned(pending, documents []string) (chosen, kept []string, err error) {
	if documents == nil {
		return pending, nil, nil
	}
	if len(documents) == 0 {
		return nil, nil, FieldErrorf("documents", EINVALID, "请至少勾选一份要退回的文件；不退回任何文件时无需提交")
	}
	want := map[string]bool{}
	for _, d := range documents {
		if !slices.Contains(pending, d) {
			return nil, nil, FieldErrorf("documents", ECONFLICT, "文档 %s 不是该任务待确认的提交材料（可能已退回、已撤回或已删除）；请刷新页面后重新选择", d)
		}
		want[d] = true
	}
	for _, d := range pending {
		if want[d] {
			chosen = append(chosen, d)
		} else {
			kept = append(kept, d)
		}
	}
	return chosen, kept, nil
}

// returnSome marks the files chosen of submitted assignment id returned,
// inside tx, the task staying submitted for the files kept, with its
// reason and an assignment.returned event; a task no longer submitted is
// ECONFLICT. When no file kept is left under the task row's lock, the
// task is returned as a whole.
func (s *Store) returnSome(ctx context.Context, tx *sql.Tx, id, reason, by string, chosen []string, more map[string]any) error {
	now := formatTime(s.now())
	res, err := tx.ExecContext(ctx, `UPDATE assignment SET reason = ?, updated_at = ? WHERE id = ? AND status = ?`,
		reason, now, id, AssignmentSubmitted)
	if err != nil {
		return fmt.Errorf("return files of %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Errorf(ECONFLICT, "任务状态已变化，请刷新后重试")
	}
	// The files kept were read before the task row was locked: on
	// PostgreSQL a withdrawal (document, then task row) may have taken
	// them meanwhile, and, seeing the files chosen still pending, left the
	// task submitted. Read under the lock, nothing kept means the return
	// took the last files, and the task is returned, not left submitted
	// with nothing to confirm.
	left, err := pendingFiles(ctx, tx, id)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(left, func(d string) bool { return !slices.Contains(chosen, d) }) {
		more["kept"] = []string{}
		c := AssignmentChange{ID: id, From: []AssignmentStatus{AssignmentSubmitted}, To: AssignmentReturned, Reason: reason, By: by}
		return s.changeAssignment(ctx, tx, c, more)
	}
	for _, d := range chosen {
		if _, err := tx.ExecContext(ctx, `UPDATE assignment_document SET returned_at = ?, returned_by = ?, return_reason = ?
			WHERE assignment_id = ? AND document_id = ? AND returned_at = ''`, now, by, reason, id, d); err != nil {
			return fmt.Errorf("mark %s of %s returned: %w", d, id, err)
		}
	}
	detail := map[string]any{"status": AssignmentSubmitted, "reason": reason}
	for k, v := range more {
		detail[k] = v
	}
	return s.recordEvent(ctx, tx, Event{User: by, Action: "assignment.returned", Object: "assignment:" + id, Detail: detail})
}

// HandInLinked records a document the coordinator linked to an
// assignment's indicator as the department's hand-in for it (确认以此提交),
// by sub.User: a submission of the document for the assignment (its
// name, who, when) and the assignment submitted with it, from open or
// returned, in one transaction with an assignment.submitted event saying
// the coordinator linked it. The link stays the coordinator's: a return
// or a withdrawal later leaves it. The submission is filed under the
// task's department as the transaction reads it (holdTaskDepartment),
// whatever sub.Department the caller read before: a 责任单位 merge that
// committed meanwhile moved the task, and the name read may be gone. An
// assignment no longer open or returned is ECONFLICT.
func (s *Store) HandInLinked(ctx context.Context, id, documentID string, sub Submission) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.holdAssignmentRound(ctx, tx, id); err != nil {
			return err
		}
		dept, err := s.holdTaskDepartment(ctx, tx, id)
		if err != nil {
			return err
		}
		sub.DocumentID, sub.Assignment, sub.Department = documentID, id, dept
		if sub.At.IsZero() {
			sub.At = s.now()
		}
		if err := insertSubmission(ctx, tx, sub); err != nil {
			return err
		}
		c := AssignmentChange{ID: id, From: []AssignmentStatus{AssignmentOpen, AssignmentReturned}, To: AssignmentSubmitted,
			Documents: []string{documentID}, By: sub.User}
		return s.changeAssignment(ctx, tx, c, map[string]any{"linked_by_coordinator": true})
	})
}

// Withdrawal is what withdrawing a document handed in for an assignment
// did.
type Withdrawal struct {
	// Unlinked are the links the hand-in had made, deleted.
	Unlinked []Link
	// Status is the assignment's status after: open or returned (as
	// before the hand-in) when nothing is left handed in, else as it was.
	Status AssignmentStatus
	// DocumentDeleted is true when the document had nothing else — no
	// link, no other hand-in, no citation, no note, no upload but this
	// hand-in's — and was deleted with it (soft: its original stays).
	DocumentDeleted bool
}

// WithdrawHandIn takes a document handed in for an assignment back off it
// in one transaction, with an assignment.withdraw event: the links the
// hand-in made are deleted (unlinkHandIns), the document is no longer the
// assignment's, a submitted assignment left with nothing goes back to
// where it stood before the hand-in (open, or returned with the last
// reason), and the document is deleted when it has nothing else. An
// accepted assignment is ECONFLICT. A file the coordinator returned keeps
// its record on the task, with the return's who, when and why: withdrawn,
// it is deleted when nothing else holds it, and is ECONFLICT when
// something does (withdrawReturned). A document not handed in for it is
// ENOTFOUND.
func (s *Store) WithdrawHandIn(ctx context.Context, id, documentID, by string) (*Withdrawal, error) {
	w := &Withdrawal{}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// The document first, then the task, in the order deleting a
		// document takes them (its row, then the tasks it empties): on
		// PostgreSQL a link being made for it (CreateLink locks the row)
		// and a deletion wait for the withdrawal, or it for them, and see
		// what the other did; in the other order two of them deadlocked.
		var deleted sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT deleted_at FROM document WHERE id = ?`+s.dialect.lockRow, documentID).Scan(&deleted)
		if errors.Is(err, sql.ErrNoRows) || err == nil && deleted.Valid && deleted.String != "" {
			return Errorf(ENOTFOUND, "这份文件不是该任务提交的材料，或已撤回、已删除；请刷新“我的任务”后再试")
		}
		if err != nil {
			return fmt.Errorf("lock document %s: %w", documentID, err)
		}
		if s.withdrawLocked != nil {
			s.withdrawLocked()
		}
		var status AssignmentStatus
		err = tx.QueryRowContext(ctx, `SELECT status FROM assignment WHERE id = ?`+s.dialect.lockRow, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "任务 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("lock assignment %s: %w", id, err)
		}
		if status == AssignmentAccepted {
			return Errorf(ECONFLICT, "任务已确认，不能撤回提交的材料；如需更正，请联系本市协调员")
		}
		var returnedAt string
		err = tx.QueryRowContext(ctx, `SELECT returned_at FROM assignment_document WHERE assignment_id = ? AND document_id = ?`,
			id, documentID).Scan(&returnedAt)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("file %s on %s: %w", documentID, id, err)
		}
		if err := markHandIns(ctx, tx, id, documentID, handInWithdrawn, handInRecorded, handInUploading); err != nil {
			return err
		}
		if returnedAt != "" {
			return s.withdrawReturned(ctx, tx, w, id, documentID, status, by)
		}
		if w.Unlinked, err = s.unlinkHandIns(ctx, tx, id, documentID, "hand-in withdrawn", by); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM assignment_document WHERE assignment_id = ? AND document_id = ?`, id, documentID)
		if err != nil {
			return fmt.Errorf("withdraw %s from %s: %w", documentID, id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(ENOTFOUND, "这份文件不是该任务提交的材料，或已撤回；请刷新“我的任务”后再试")
		}
		w.Status = status
		if status == AssignmentSubmitted {
			if w.Status, err = s.reopenIfEmpty(ctx, tx, id, documentID, by); err != nil {
				return err
			}
		}
		if w.DocumentDeleted, err = s.deleteIfUnused(ctx, tx, documentID, id, by); err != nil {
			return err
		}
		codes := make([]string, len(w.Unlinked))
		for i, l := range w.Unlinked {
			codes[i] = l.IndicatorCode
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "assignment.withdraw", Object: "assignment:" + id,
			Detail: map[string]any{"document": documentID, "unlinked": codes, "status": w.Status, "document_deleted": w.DocumentDeleted}})
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// withdrawReturned withdraws, inside tx, a file the coordinator returned
// for assignment id: its record on the task, with the return's who, when
// and why, stays (so the file is never offered or handed in again as if
// never returned), and the file is deleted, which is all a withdrawal of
// it can do; a file something else holds (the coordinator's link, another
// task, a citation) would stay as it is, and is ECONFLICT.
func (s *Store) withdrawReturned(ctx context.Context, tx *sql.Tx, w *Withdrawal, id, documentID string, status AssignmentStatus, by string) error {
	var err error
	if w.DocumentDeleted, err = s.deleteIfUnused(ctx, tx, documentID, id, by); err != nil {
		return err
	}
	if !w.DocumentDeleted {
		return Errorf(ECONFLICT, "这份文件已被协调员退回，不再算作本部门对该任务的提交，无需撤回；退回记录保留。如需从档案中删除这份文件，请联系本市协调员")
	}
	w.Status = status
	return s.recordEvent(ctx, tx, Event{User: by, Action: "assignment.withdraw", Object: "assignment:" + id,
		Detail: map[string]any{"document": documentID, "unlinked": []string{}, "status": w.Status, "document_deleted": true, "returned": true}})
}

// reopenIfEmpty puts a submitted assignment with no live document left
// but returned ones back where it stood before the hand-in (reopenAssignment) and returns
// its status.
func (s *Store) reopenIfEmpty(ctx context.Context, tx *sql.Tx, id, documentID, by string) (AssignmentStatus, error) {
	var left int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM assignment_document ad JOIN document d ON d.id = ad.document_id
		WHERE ad.assignment_id = ? AND d.deleted_at IS NULL AND ad.returned_at = ''`, id).Scan(&left); err != nil {
		return "", fmt.Errorf("documents left on %s: %w", id, err)
	}
	if left > 0 {
		return AssignmentSubmitted, nil
	}
	return s.reopenAssignment(ctx, tx, id, map[string]any{"reason": "hand-in withdrawn", "was": AssignmentSubmitted,
		"document": documentID}, by)
}

// DocumentHeld reports whether something besides its hand-in for
// assignment holds documentID, so that withdrawing it from that task
// would leave it in the archive (WithdrawHandIn deletes it otherwise, and
// refuses a returned file that is held): a link, a hand-in for another
// task (a file returned there still counts: its record there holds it),
// a citation by a claim or value, a note, or a submission but for that
// assignment (uploaded on the upload page, or for another task).
func (s *Store) DocumentHeld(ctx context.Context, documentID, assignment string) (bool, error) {
	return documentHeld(ctx, s.db, documentID, assignment)
}

// documentHeld is DocumentHeld over q (the store or a transaction).
func documentHeld(ctx context.Context, q queryRower, documentID, assignment string) (bool, error) {
	var used int
	err := q.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM link WHERE document_id = ?)
		+ (SELECT COUNT(*) FROM assignment_document WHERE document_id = ? AND assignment_id <> ?)
		+ (SELECT COUNT(*) FROM note WHERE document_id = ?)
		+ (SELECT COUNT(*) FROM submission WHERE document_id = ? AND (assignment_id IS NULL OR assignment_id <> ?))`,
		documentID, documentID, assignment, documentID, documentID, assignment).Scan(&used)
	if err != nil {
		return false, fmt.Errorf("uses of %s: %w", documentID, err)
	}
	if used > 0 {
		return true, nil
	}
	n, err := citedBy(ctx, q, documentID)
	return n > 0, err
}

// deleteIfUnused soft-deletes, inside tx, a document withdrawn from
// assignment that nothing else holds (documentHeld; its record on that
// task, gone or kept as a file returned, holds nothing). It reports whether it deleted
// it.
func (s *Store) deleteIfUnused(ctx context.Context, tx *sql.Tx, documentID, assignment, by string) (bool, error) {
	if held, err := documentHeld(ctx, tx, documentID, assignment); err != nil || held {
		return false, err
	}
	seq, err := s.nextSeq(ctx, tx)
	if err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE document SET deleted_at = ?, seq = ? WHERE id = ? AND deleted_at IS NULL`,
		formatTime(s.now()), seq, documentID)
	if err != nil {
		return false, fmt.Errorf("delete withdrawn document %s: %w", documentID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	return true, s.recordEvent(ctx, tx, Event{User: by, Action: "document.delete", Object: documentID,
		Detail: map[string]any{"reason": withdrawnReason, "assignment": assignment}})
}

// returnedHandInLink is the condition, over link l, that a hand-in of a
// file since returned (or for a task now returned) made it (as handInLinksSQL tells): such a link,
// left from before returns deleted them, is not carried into another
// round.
var returnedHandInLink = strings.TrimSpace(`EXISTS (SELECT 1 FROM assignment ra
	JOIN assignment_document rad ON rad.assignment_id = ra.id AND rad.document_id = l.document_id
	WHERE (ra.status = 'returned' OR rad.returned_at <> '') AND ra.indicator_code = l.indicator_code
	AND EXISTS (SELECT 1 FROM submission rs WHERE rs.document_id = l.document_id AND rs.username = l.created_by
		AND rs.assignment_id = ra.id AND rs.at <= l.created_at))`)

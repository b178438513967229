package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Reopened is what deleting a document sent back: the reviewed claims
// and values citing it go back to pending, and the responsibility tasks
// (submitted or accepted) left with no live document handed in go back
// to where they stood before the hand-in (open, or returned when they had
// been returned).
type Reopened struct {
	Claims      []string
	Values      []string
	Assignments []string
}

// Count is how many objects went back, of all kinds.
func (r Reopened) Count() int { return len(r.Claims) + len(r.Values) + len(r.Assignments) }

// Reasons a claim or value went back to 待审核 without anyone typing one,
// stored as codes in its reopen event's reason for the pages to say in
// their language (web/labels.go), as events' actions are.
const (
	ReopenDocumentDeleted = "document_deleted" // 引用的文档已删除
	ReopenDocumentMoved   = "document_moved"   // 引用的文档已改为其他城市
)

// reopenDependents sends back, inside tx, what depended on a document
// just deleted, with an audit event per object.
func (s *Store) reopenDependents(ctx context.Context, tx *sql.Tx, documentID string, stamp time.Time, reason, by string) (Reopened, error) {
	var r Reopened
	var err error
	if r.Claims, err = s.reopenClaimsCiting(ctx, tx, documentID, stamp, reason, by); err != nil {
		return r, err
	}
	if r.Values, err = s.reopenValuesCiting(ctx, tx, documentID, reason, by); err != nil {
		return r, err
	}
	r.Assignments, err = s.reopenEmptiedAssignments(ctx, tx, documentID, reopenedWhy, by)
	return r, err
}

// reopenValuesCiting puts reviewed values that cite a document back to
// pending, with an audit event per value, inside tx; it returns the
// values reopened.
func (s *Store) reopenValuesCiting(ctx context.Context, tx *sql.Tx, documentID, reason, by string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, status FROM value WHERE document_id = ? AND status <> ? AND status <> ? ORDER BY id`,
		documentID, ClaimPending, ClaimWithdrawn)
	if err != nil {
		return nil, fmt.Errorf("values citing %s: %w", documentID, err)
	}
	var ids []string
	var was []ClaimStatus
	for rows.Next() {
		var id string
		var st ClaimStatus
		if err := rows.Scan(&id, &st); err != nil {
			rows.Close()
			return nil, fmt.Errorf("values citing %s: %w", documentID, err)
		}
		ids, was = append(ids, id), append(was, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("values citing %s: %w", documentID, err)
	}
	now := formatTime(s.now())
	for i, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE value SET status = ?, updated_at = ? WHERE id = ?`, ClaimPending, now, id); err != nil {
			return nil, fmt.Errorf("reopen value %s: %w", id, err)
		}
		// was: the verdict a restore of the document may give back.
		if err := s.recordEvent(ctx, tx, Event{User: by, Action: "value.reopen", Object: "value:" + id,
			Detail: map[string]any{"document": documentID, "reason": reason, "was": was[i]}}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// reopenEmptiedAssignments puts the submitted or accepted assignments
// that a document was handed in for, and that have no live document left
// (the document is already deleted in tx), back to their status before
// the hand-in (reopenEmptied): returned, with the last return's reason,
// when they had been returned; open otherwise. It records an audit event
// per assignment and returns the assignments reopened.
func (s *Store) reopenEmptiedAssignments(ctx context.Context, tx *sql.Tx, documentID, reason, by string) ([]string, error) {
	tasks, err := s.reopenEmptied(ctx, tx, documentID, reason, by)
	if err != nil {
		return nil, fmt.Errorf("tasks handed %s in: %w", documentID, err)
	}
	var ids []string
	for _, t := range tasks {
		ids = append(ids, t.ID)
	}
	return ids, nil
}

// statusBeforeHandIn is where an assignment stood before its documents
// were handed in: returned with the reason of its last return, as the
// audit log keeps it, or open when it was never returned. The events tx
// holds are written first (flushEvents), so that a return recorded
// earlier in tx counts.
func (s *Store) statusBeforeHandIn(ctx context.Context, tx *sql.Tx, id string) (AssignmentStatus, string, error) {
	if err := s.flushEvents(ctx, tx); err != nil {
		return "", "", err
	}
	var detail string
	err := tx.QueryRowContext(ctx, `SELECT detail FROM event WHERE object = ? AND action = ? ORDER BY id DESC LIMIT 1`,
		"assignment:"+id, "assignment."+string(AssignmentReturned)).Scan(&detail)
	if errors.Is(err, sql.ErrNoRows) {
		return AssignmentOpen, "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("last return of assignment %s: %w", id, err)
	}
	var d struct {
		Reason string `json:"reason"`
	}
	_ = json.Unmarshal([]byte(detail), &d) // a detail unreadable leaves the reason empty, the status still right
	return AssignmentReturned, d.Reason, nil
}

package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Deleting a document clears the verdicts of the claims and values citing
// it and may send the tasks it was handed in for back (reopenDependents).
// Restoring it gives back what that deletion, and nothing after it, took:
// a claim or value still waiting for review with nothing recorded about
// it since its reopening takes the verdict it had again, and a task the
// deletion sent back takes the status it had again when nothing happened
// to it since. Anything touched since (edited, reviewed, handed in for,
// or another of its documents deleted) stays as it is now, and the
// restore names it, so that no one's later work is undone.

// GivenBack is an object the deletion of a document sent back that its
// restore put back as it stood: claim:ID or value:ID with the verdict it
// has again, or assignment:ID with the task's status again.
type GivenBack struct {
	Object string
	Status string
}

// sentBack is one object a document's deletion sent back, with the event
// that recorded it.
type sentBack struct {
	object string // claim:ID, value:ID, assignment:ID
	action string // claim.reopen, value.reopen, assignment.reopen
}

// restoreDependents gives back, inside tx, what the last deletion of
// document took (the document is live again in tx): it returns what it
// gave back and what it left as it is (objects as sentBack names them).
// stamp is the claims' change stamp taken first in tx.
func (s *Store) restoreDependents(ctx context.Context, tx *sql.Tx, document string, stamp time.Time, by string) ([]GivenBack, []string, error) {
	deletion, sent, err := lastDeletion(ctx, tx, document)
	if err != nil || deletion == 0 {
		return nil, nil, err
	}
	var back []GivenBack
	var kept []string
	for _, o := range sent {
		to, ok, err := s.giveBack(ctx, tx, document, deletion, o, stamp, by)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			back = append(back, GivenBack{Object: o.object, Status: to})
		} else {
			kept = append(kept, o.object)
		}
	}
	return back, kept, nil
}

// lastDeletion finds the last document.delete event of document and what
// it sent back (its detail's reopened_claims, reopened_values and
// reopened_assignments); 0 when the log has none.
func lastDeletion(ctx context.Context, tx *sql.Tx, document string) (int64, []sentBack, error) {
	var id int64
	var detail string
	err := tx.QueryRowContext(ctx, `SELECT id, detail FROM event WHERE object = ? AND action = 'document.delete' ORDER BY id DESC LIMIT 1`,
		document).Scan(&id, &detail)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("the deletion of %s: %w", document, err)
	}
	var d struct {
		Claims      []string `json:"reopened_claims"`
		Values      []string `json:"reopened_values"`
		Assignments []string `json:"reopened_assignments"`
	}
	if err := json.Unmarshal([]byte(detail), &d); err != nil {
		return 0, nil, fmt.Errorf("the deletion of %s: read its detail: %w", document, err)
	}
	var sent []sentBack
	for _, k := range []struct {
		ids  []string
		kind string
	}{{d.Claims, "claim"}, {d.Values, "value"}, {d.Assignments, "assignment"}} {
		for _, x := range k.ids {
			sent = append(sent, sentBack{object: k.kind + ":" + x, action: k.kind + ".reopen"})
		}
	}
	return id, sent, nil
}

// giveBack puts o back as it stood before the deletion (event id
// deletion) of document sent it back, when its reopen event is the last
// thing that happened to it (no event about it since but the deletion's
// own) and its status is still the one the reopening gave it; ok is false
// when it stays as it is.
func (s *Store) giveBack(ctx context.Context, tx *sql.Tx, document string, deletion int64, o sentBack, stamp time.Time, by string) (string, bool, error) {
	var reopen int64
	var detail string
	err := tx.QueryRowContext(ctx, `SELECT id, detail FROM event WHERE object = ? AND action = ? AND id < ? ORDER BY id DESC LIMIT 1`,
		o.object, o.action, deletion).Scan(&reopen, &detail)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("the reopening of %s: %w", o.object, err)
	}
	var d struct {
		Document  string `json:"document"`
		Was       string `json:"was"`
		WasReason string `json:"was_reason"`
		Status    string `json:"status"`
	}
	// A deletion logged before the reopening recorded what it cleared
	// (was) has nothing to give back.
	if json.Unmarshal([]byte(detail), &d) != nil || d.Document != document || d.Was == "" {
		return "", false, nil
	}
	var since int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event WHERE id > ? AND id <> ?
		AND (object = ? OR id IN (SELECT event_id FROM event_about WHERE object = ?))`,
		reopen, deletion, o.object, o.object).Scan(&since); err != nil {
		return "", false, fmt.Errorf("what happened to %s since: %w", o.object, err)
	}
	if since > 0 {
		return "", false, nil
	}
	kind, id, _ := strings.Cut(o.object, ":")
	var res sql.Result
	var action string
	switch kind {
	case "claim":
		action = "claim.restore"
		res, err = tx.ExecContext(ctx, `UPDATE claim SET status = ?, updated_at = ? WHERE id = ? AND status = ?`,
			d.Was, formatTime(stamp), id, ClaimPending)
	case "value":
		action = "value.restore"
		res, err = tx.ExecContext(ctx, `UPDATE value SET status = ?, updated_at = ? WHERE id = ? AND status = ?`,
			d.Was, formatTime(s.now()), id, ClaimPending)
	default:
		action = "assignment.restore"
		res, err = tx.ExecContext(ctx, `UPDATE assignment SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status = ?`,
			d.Was, d.WasReason, formatTime(s.now()), id, d.Status)
	}
	if err != nil {
		return "", false, fmt.Errorf("give %s back: %w", o.object, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", false, nil
	}
	// A verdict given back is named as a review's is (verdict), so that
	// 处理记录 says which; a task's status as a reopening names it.
	key := "verdict"
	if kind == "assignment" {
		key = "status"
	}
	return d.Was, true, s.recordEvent(ctx, tx, Event{User: by, Action: action, Object: o.object,
		Detail: map[string]any{"document": document, key: d.Was}})
}

// GivenBackOf splits what a restore gave back by kind: the claims' and
// values' verdicts and the tasks' statuses, each by ID.
func GivenBackOf(back []GivenBack) (claims, values, tasks map[string]string) {
	claims, values, tasks = map[string]string{}, map[string]string{}, map[string]string{}
	for _, g := range back {
		kind, id, _ := strings.Cut(g.Object, ":")
		switch kind {
		case "claim":
			claims[id] = g.Status
		case "value":
			values[id] = g.Status
		default:
			tasks[id] = g.Status
		}
	}
	return claims, values, tasks
}

// KeptWords is what a restore says of the n objects its document's
// deletion sent back that it left as they are now (Restored.Kept).
func KeptWords(n int) Words {
	return MessageWords(Errorf(ECONFLICT, "因删除而清除的审核结论或退回的任务中，有 %d 项在删除后已被修改、重新审核或重新提交，未恢复，保持现状；请在各自的处理记录中核对", n))
}

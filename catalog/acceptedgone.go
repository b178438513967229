package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// AcceptedGone says that an owed assignment (open or returned again) is
// owed because the file accepted for it was deleted: deleting the last
// document handed in for a task sends it back where it stood before the
// hand-in, which alone would tell the department to do again, for the
// old return's reason, what it did and had accepted.
type AcceptedGone struct {
	Document string // the deleted document's id
	Title    string // its title and file name as they were
	Filename string
	By       string // who deleted it
	At       time.Time
	// Was is where the task stood when the file was deleted: accepted,
	// or submitted (handed in, not accepted yet), which the department
	// must be told as much as an accepted one (请重新提交).
	Was AssignmentStatus
}

// reopenedWhy is the reason of the assignment.reopen event that deleting
// a task's last document records (reopenEmptiedAssignments).
const reopenedWhy = "handed-in document deleted"

// statusActions are the audit actions that move an assignment; the last
// of them says how it came to stand where it does.
var statusActions = map[string]bool{"assignment.submitted": true, "assignment.returned": true, "assignment.accepted": true,
	"assignment.open": true, "assignment.reopen": true, "assignment.withdraw": true}

// tellAcceptedGone sets AcceptedGone on each open or returned assignment
// of list whose last move (the audit log's) was deleting the file
// accepted or submitted for it, with the document's title and file name as stored.
func (s *Store) tellAcceptedGone(ctx context.Context, list []Assignment) error {
	at := map[string]int{}
	var objects []string
	for i, a := range list {
		if a.Status == AssignmentOpen || a.Status == AssignmentReturned {
			at["assignment:"+a.ID] = i
			objects = append(objects, "assignment:"+a.ID)
		}
	}
	type move struct{ action, at, by, detail string }
	last := map[string]move{}
	err := forInLists(objects, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT object, action, at, username, detail FROM event
			WHERE object IN `+in+` ORDER BY id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var obj string
			var m move
			if err := rows.Scan(&obj, &m.action, &m.at, &m.by, &m.detail); err != nil {
				return err
			}
			if statusActions[m.action] {
				last[obj] = m
			}
		}
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("how tasks were reopened: %w", err)
	}
	for obj, m := range last {
		var d struct {
			Reason   string           `json:"reason"`
			Was      AssignmentStatus `json:"was"`
			Document string           `json:"document"`
		}
		_ = json.Unmarshal([]byte(m.detail), &d) // a detail unreadable tells nothing
		if m.action != "assignment.reopen" || d.Reason != reopenedWhy || d.Was != AssignmentAccepted && d.Was != AssignmentSubmitted || d.Document == "" {
			continue
		}
		g := &AcceptedGone{Document: d.Document, By: m.by, At: parseTime(m.at), Was: d.Was}
		err := s.db.QueryRowContext(ctx, `SELECT title, filename FROM document WHERE id = ?`, d.Document).Scan(&g.Title, &g.Filename)
		// A row purged since is still told, by the document's ID: the
		// note must not take the task pages down with it.
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("the accepted file %s deleted: %w", d.Document, err)
		}
		list[at[obj]].AcceptedGone = g
	}
	return nil
}

// AcceptedGoneWords says in words that the task is owed again because
// the file accepted for it, g, was deleted: which (by its title, else its
// file name), when (UTC+8) and by whom.
func AcceptedGoneWords(g *AcceptedGone) Words {
	at := g.At.In(time.FixedZone("UTC+8", 8*3600)).Format("2006-01-02 15:04") + " UTC+8"
	if g.Was == AssignmentSubmitted {
		return Words{Chinese: "您提交的" + BookTitle(g.Name()) + "已于 " + at + " 由 " + g.By + " 删除，请重新提交",
			English: "The file you handed in, “" + g.Name() + "”, was deleted on " + at + " by " + g.By + "; hand it in again"}
	}
	return Words{Chinese: "已确认的材料" + BookTitle(g.Name()) + "已于 " + at + " 由 " + g.By + " 删除，任务因此重新打开；是否需要重新提交，请与协调员确认",
		English: "The accepted file “" + g.Name() + "” was deleted on " + at + " by " + g.By + ", so the task is open again; ask the coordinator whether to hand it in again"}
}

// Name is how the deleted file is named: its title, else its file name,
// else (its row purged) its ID.
func (g *AcceptedGone) Name() string {
	switch {
	case g.Title != "":
		return g.Title
	case g.Filename != "":
		return g.Filename
	}
	return g.Document
}

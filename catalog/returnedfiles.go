package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// ReturnedFile is the mark of a file handed in for a task that the
// coordinator returned (退回): who, when and why. The file stays listed on
// the task, marked, beside what the department hands in instead.
type ReturnedFile struct {
	By     string
	At     time.Time
	Reason string
	// Gone says, of a file deleted after its return (its department
	// withdrew it, or someone deleted the document), when, by whom and
	// whether it was the withdrawal; nil while the file is in the
	// archive. Its return stays on the task all the same.
	Gone *FileGone
}

// FileGone is how a returned file left the archive.
type FileGone struct {
	At time.Time
	By string
	// Withdrawn: its department withdrew it from the task (撤回), which
	// deleted it; otherwise the document was deleted (删除).
	Withdrawn bool
}

// tellGone fills, in returned (by task, then document), who deleted each
// returned file of gone and whether by withdrawing it from that task, from
// the document.delete events (the last of each document): a withdrawal's
// names its task and the reason "hand-in withdrawn". A file whose deletion
// has no event keeps its time only.
func (s *Store) tellGone(ctx context.Context, returned map[string]map[string]ReturnedFile, gone []string) error {
	if len(gone) == 0 {
		return nil
	}
	type deletion struct{ at, by, reason, task string }
	last := map[string]deletion{}
	err := forInLists(gone, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT object, at, username, detail FROM event
			WHERE action = 'document.delete' AND object IN `+in+` ORDER BY id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var doc, at, by, detail string
			if err := rows.Scan(&doc, &at, &by, &detail); err != nil {
				return err
			}
			var d struct {
				Reason     string `json:"reason"`
				Assignment string `json:"assignment"`
			}
			_ = json.Unmarshal([]byte(detail), &d) // a detail unreadable tells no withdrawal
			last[doc] = deletion{at, by, d.Reason, d.Assignment}
		}
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("deletions of returned files: %w", err)
	}
	for task, files := range returned {
		for doc, r := range files {
			d, ok := last[doc]
			if r.Gone == nil || !ok {
				continue
			}
			r.Gone = &FileGone{At: r.Gone.At, By: d.by, Withdrawn: d.reason == "hand-in withdrawn" && d.task == task}
			files[doc] = r
		}
	}
	return nil
}

// HandedIn returns the documents handed in for the assignment that were
// not returned, oldest first: what the coordinator may accept, and what
// keeps a task submitted.
func (a *Assignment) HandedIn() []string {
	var out []string
	for _, id := range a.Documents {
		if _, returned := a.Returned[id]; !returned {
			out = append(out, id)
		}
	}
	return out
}

// ReturnedGone returns the ids of the returned files since deleted
// (ReturnedFile.Gone), which Documents no longer lists, in the order they
// left the archive.
func (a *Assignment) ReturnedGone() []string {
	var out []string
	for id, r := range a.Returned {
		if r.Gone != nil {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		gi, gj := a.Returned[out[i]].Gone.At, a.Returned[out[j]].Gone.At
		if !gi.Equal(gj) {
			return gi.Before(gj)
		}
		return out[i] < out[j]
	})
	return out
}

// ReturnedFiles returns, by sha256, the files the coordinator returned
// on assignment id (who, when, why), the deleted ones too: a returned
// file the department withdrew, and so deleted, stays returned for its
// bytes, and handed in again it is refused as the live one would be.
func (s *Store) ReturnedFiles(ctx context.Context, id string) (map[string]ReturnedFile, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.sha256, ad.returned_at, ad.returned_by, ad.return_reason
		FROM assignment_document ad JOIN document d ON d.id = ad.document_id
		WHERE ad.assignment_id = ? AND ad.returned_at <> '' ORDER BY ad.returned_at, ad.document_id`, id)
	if err != nil {
		return nil, fmt.Errorf("files returned on %s: %w", id, err)
	}
	defer rows.Close()
	out := map[string]ReturnedFile{}
	for rows.Next() {
		var sha, at, by, reason string
		if err := rows.Scan(&sha, &at, &by, &reason); err != nil {
			return nil, fmt.Errorf("read a file returned on %s: %w", id, err)
		}
		out[sha] = ReturnedFile{By: by, At: parseTime(at), Reason: reason}
	}
	return out, rows.Err()
}

// markReturned marks, inside tx, every file on the assignment not
// returned yet as returned now by by for reason.
func markReturned(ctx context.Context, tx *sql.Tx, id, by, reason, now string) error {
	_, err := tx.ExecContext(ctx, `UPDATE assignment_document SET returned_at = ?, returned_by = ?, return_reason = ?
		WHERE assignment_id = ? AND returned_at = ''`, now, by, reason, id)
	if err != nil {
		return fmt.Errorf("mark the files of %s returned: %w", id, err)
	}
	return nil
}

// handInAgain records, inside tx, document handed in for the assignment
// by by at now: a new row, or, for a file returned before, its mark taken
// away and its hand-in now and by's. A file on the task and not returned
// stays as it is.
func handInAgain(ctx context.Context, tx *sql.Tx, id, document, by, now string) error {
	_, err := tx.ExecContext(ctx, `UPDATE assignment_document SET returned_at = '', returned_by = '', return_reason = '',
		submitted_by = ?, at = ? WHERE assignment_id = ? AND document_id = ? AND returned_at <> ''`, by, now, id, document)
	if err != nil {
		return fmt.Errorf("hand %s in again for %s: %w", document, id, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO assignment_document (assignment_id, document_id, submitted_by, at)
		SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM assignment_document WHERE assignment_id = ? AND document_id = ?)`,
		id, document, by, now, id, document)
	if err != nil {
		return fmt.Errorf("record assignment document: %w", err)
	}
	return nil
}

// returnedFiles029 is migration 029's Go step: the columns (on SQLite,
// where missing), the marks of past returns (markReturnedFiles) and the
// links those returns left (unlinkOldReturns).
func returnedFiles029(addColumns bool) func(context.Context, *Store, *sql.Tx) error {
	return func(ctx context.Context, s *Store, tx *sql.Tx) error {
		if addColumns {
			for _, c := range []string{"returned_at", "returned_by", "return_reason"} {
				if err := addColumnIfMissing(ctx, tx, "assignment_document", c, `TEXT NOT NULL DEFAULT ''`); err != nil {
					return err
				}
			}
		}
		if err := markReturnedFiles(ctx, tx); err != nil {
			return err
		}
		_, err := s.unlinkOldReturns(ctx, tx)
		return err
	}
}

// markReturnedFiles marks, from the audit log, the files that returns
// before migration 029 sent back: a file on a task (not marked yet) is
// returned by the first assignment.returned of the task after its last
// hand-in — its record on the task, or a later assignment.submitted
// naming it (the same bytes handed in again) — with that event's user,
// time and reason. A file handed in after the task's last return is not.
func markReturnedFiles(ctx context.Context, tx *sql.Tx) error {
	last, err := lastHandIns(ctx, tx)
	if err != nil || len(last) == 0 {
		return err
	}
	type ret struct{ at, by, reason string }
	returns := map[string][]ret{}
	rows, err := tx.QueryContext(ctx, `SELECT at, username, action, object, detail FROM event
		WHERE action IN ('assignment.submitted', 'assignment.returned') ORDER BY id`)
	if err != nil {
		return fmt.Errorf("events of tasks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var at, by, action, object, detail string
		if err := rows.Scan(&at, &by, &action, &object, &detail); err != nil {
			return fmt.Errorf("read an event of a task: %w", err)
		}
		task := strings.TrimPrefix(object, "assignment:")
		var d struct {
			Reason    string   `json:"reason"`
			Documents []string `json:"documents"`
		}
		_ = json.Unmarshal([]byte(detail), &d) // a detail unreadable names no file and no reason
		if action == "assignment.returned" {
			returns[task] = append(returns[task], ret{at, by, d.Reason})
			continue
		}
		for _, doc := range d.Documents {
			if was, ok := last[[2]string{task, doc}]; ok && at > was {
				last[[2]string{task, doc}] = at
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("events of tasks: %w", err)
	}
	rows.Close()
	for key, handed := range last {
		for _, r := range returns[key[0]] {
			if r.at <= handed {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE assignment_document SET returned_at = ?, returned_by = ?, return_reason = ?
				WHERE assignment_id = ? AND document_id = ?`, r.at, r.by, r.reason, key[0], key[1]); err != nil {
				return fmt.Errorf("mark %s returned on %s: %w", key[1], key[0], err)
			}
			break
		}
	}
	return nil
}

// lastHandIns reads the files on tasks not marked returned: (task,
// document) → when it was recorded on the task.
func lastHandIns(ctx context.Context, tx *sql.Tx) (map[[2]string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT assignment_id, document_id, at FROM assignment_document WHERE returned_at = ''`)
	if err != nil {
		return nil, fmt.Errorf("files on tasks: %w", err)
	}
	defer rows.Close()
	last := map[[2]string]string{}
	for rows.Next() {
		var task, doc, at string
		if err := rows.Scan(&task, &doc, &at); err != nil {
			return nil, fmt.Errorf("read a file on a task: %w", err)
		}
		last[[2]string{task, doc}] = at
	}
	return last, rows.Err()
}

// oldReturnLinksSQL selects the links that hand-ins of files since
// returned made and that returns before the twenty-seventh session left
// in place, as far as the catalog can trace them: a link of a returned
// file to its task's indicator, made by the one whose submission of the
// file was recorded for that task (submission.assignment_id: a submission
// from before migration 023 that it could not tell has none, and its
// links are left), no earlier than that submission and no later than the
// file's record on the task and its return (an upload links, then records
// the hand-in; a link made afterwards — the coordinator linking the file
// again — is someone's own). Left too: a link another task of the same
// indicator relies on (the same file handed in, not returned, for a task
// submitted or accepted), and one the coordinator confirmed or updated
// after carrying it into another round.
const oldReturnLinksSQL = `WHERE l.id IN (SELECT hl.id FROM link hl
	JOIN assignment_document ad ON ad.document_id = hl.document_id AND ad.returned_at <> ''
	JOIN assignment a ON a.id = ad.assignment_id AND a.indicator_code = hl.indicator_code
	WHERE hl.created_at <= ad.at AND hl.created_at <= ad.returned_at
	AND EXISTS (SELECT 1 FROM submission s WHERE s.document_id = hl.document_id AND s.assignment_id = a.id
		AND s.username = hl.created_by AND s.at <= hl.created_at)
	AND NOT EXISTS (SELECT 1 FROM assignment_document o JOIN assignment oa ON oa.id = o.assignment_id
		WHERE o.document_id = hl.document_id AND oa.indicator_code = hl.indicator_code AND o.returned_at = ''
		AND oa.status IN ('submitted', 'accepted'))
	AND NOT EXISTS (SELECT 1 FROM carryover c WHERE c.kind = 'link' AND c.object_id = hl.id
		AND c.state IN ('confirmed', 'updated')))`

// unlinkOldReturns deletes, inside tx, the links oldReturnLinksSQL
// selects, as a return deletes its hand-ins' links now: with the
// carry-overs of each still to confirm, the document renumbered for the
// index, and a link.delete event each (by the migration, reason
// "hand-in returned before returns unlinked"). It returns them.
func (s *Store) unlinkOldReturns(ctx context.Context, tx *sql.Tx) ([]Link, error) {
	links, err := queryLinkRows(ctx, tx, oldReturnLinksSQL)
	if err != nil {
		return nil, fmt.Errorf("links of old returns: %w", err)
	}
	for _, l := range links {
		err := s.unlinkOne(ctx, tx, l, "migration", map[string]any{"reason": "hand-in returned before returns unlinked", "made_by": l.CreatedBy})
		if err != nil {
			return nil, err
		}
	}
	return links, nil
}

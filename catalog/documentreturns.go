package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// DocumentReturn is a return (退回) of a live document on a task that
// still lists it: the task, who returned the file, when and why, and what
// the department handed in for the task after it.
type DocumentReturn struct {
	Assignment string
	City       string
	Round      int
	Indicator  string
	Department string
	By         string
	At         time.Time
	Reason     string
	// After are the live files handed in for the task after the return
	// and not returned themselves, oldest first: what replaced it
	// (已由《…》替代).
	After []string
}

// SeenBy is r as u may read it: who returned the file and why are told,
// as the board and 我的任务 tell them, to an admin, the city's coordinator
// and the task's own 责任单位 only; to anyone else (an expert, a reviewer,
// another department) r says that and when the file was returned, and
// what replaced it, with By and Reason empty.
func (r DocumentReturn) SeenBy(u *User) DocumentReturn {
	own := u.Role == RoleContributor && u.City == r.City && u.Department == r.Department
	if u.CanEdit(r.City) != nil && !own {
		r.By, r.Reason = "", ""
	}
	return r
}

// DocumentReturns returns, by document id, the returns of the live
// documents among ids on tasks that still list them, oldest first; a
// document never returned, or handed in again since, has none. A file
// withdrawn after its return is deleted, so it has none either.
func (s *Store) DocumentReturns(ctx context.Context, ids []string) (map[string][]DocumentReturn, error) {
	out := map[string][]DocumentReturn{}
	if len(ids) == 0 {
		return out, nil
	}
	var tasks []string
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT ad.document_id, a.id, a.city, a.round, a.indicator_code, dp.name,
			ad.returned_by, ad.returned_at, ad.return_reason FROM assignment_document ad
			JOIN assignment a ON a.id = ad.assignment_id JOIN department dp ON dp.id = a.department_id
			JOIN document d ON d.id = ad.document_id
			WHERE ad.returned_at <> '' AND d.deleted_at IS NULL AND ad.document_id IN `+in+`
			ORDER BY ad.returned_at, a.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var doc, at string
			var r DocumentReturn
			if err := rows.Scan(&doc, &r.Assignment, &r.City, &r.Round, &r.Indicator, &r.Department, &r.By, &at, &r.Reason); err != nil {
				return err
			}
			r.At = parseTime(at)
			out[doc] = append(out[doc], r)
			tasks = append(tasks, r.Assignment)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("returns of documents: %w", err)
	}
	slices.Sort(tasks)
	return out, s.fillReplacements(ctx, out, slices.Compact(tasks))
}

// fillReplacements sets each return's After from the live files of its
// task not returned, handed in after it.
func (s *Store) fillReplacements(ctx context.Context, returns map[string][]DocumentReturn, tasks []string) error {
	type handIn struct {
		doc string
		at  time.Time
	}
	standing := map[string][]handIn{}
	err := forInLists(tasks, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT ad.assignment_id, ad.document_id, ad.at FROM assignment_document ad
			JOIN document d ON d.id = ad.document_id
			WHERE ad.returned_at = '' AND d.deleted_at IS NULL AND ad.assignment_id IN `+in+`
			ORDER BY ad.at, ad.document_id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var task, doc, at string
			if err := rows.Scan(&task, &doc, &at); err != nil {
				return err
			}
			standing[task] = append(standing[task], handIn{doc, parseTime(at)})
		}
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("files handed in after returns: %w", err)
	}
	for doc, rs := range returns {
		for i, r := range rs {
			for _, h := range standing[r.Assignment] {
				if h.at.After(r.At) {
					rs[i].After = append(rs[i].After, h.doc)
				}
			}
		}
		returns[doc] = rs
	}
	return nil
}

// ReturnedOnly returns, in id order, the live documents of cities (every
// city when none) that the coordinator returned on a task and that stand
// as nobody's evidence since: handed in, not returned, for no task, and
// linked to no indicator. Search leaves them out unless asked for them
// (a returned file is not the city's evidence); a file the coordinator
// linked by hand, or another department handed in and kept, is.
func (s *Store) ReturnedOnly(ctx context.Context, cities []string) ([]string, error) {
	q := `SELECT DISTINCT ad.document_id FROM assignment_document ad JOIN document d ON d.id = ad.document_id
		WHERE ad.returned_at <> '' AND d.deleted_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM assignment_document o WHERE o.document_id = ad.document_id AND o.returned_at = '')
		AND NOT EXISTS (SELECT 1 FROM link l WHERE l.document_id = ad.document_id)`
	var args []any
	if len(cities) > 0 {
		q += ` AND d.city IN (?` + strings.Repeat(", ?", len(cities)-1) + `)`
		for _, c := range cities {
			args = append(args, c)
		}
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY ad.document_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("returned documents: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read a returned document: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// addEarlierReturns adds to out (AllReturns' documents, their returns not
// yet sorted) the earlier returns of each file on a task that returned it
// before, had it handed in again, and returned it again. The task's row
// keeps only its last return (handInAgain takes the mark away), so the
// earlier ones are read from the audit log: each assignment.returned
// event names the files it sent back ("returned"), its user and reason.
// An event before the per-file returns names none and adds nothing.
func (s *Store) addEarlierReturns(ctx context.Context, out map[string]*ReturnedDocument) error {
	last := map[[2]string]DocumentReturn{} // by task and document: the row's return
	var objects []string
	for doc, d := range out {
		for _, r := range d.Returns {
			last[[2]string{r.Assignment, doc}] = r
			objects = append(objects, "assignment:"+r.Assignment)
		}
	}
	slices.Sort(objects)
	objects = slices.Compact(objects)
	// By task and document, the returns its events name in the order
	// they were written: the last is the row's own; the others are
	// earlier. Told apart by order, not time: two nodes' clocks, or one
	// stepped back, could put an earlier return at or after the row's.
	named := map[[2]string][]DocumentReturn{}
	err := forInLists(objects, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT object, at, username, detail FROM event
			WHERE action = 'assignment.returned' AND object IN `+in+` ORDER BY id`, args...)
		if err != nil {
			return fmt.Errorf("earlier returns: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var object, at, by, detail string
			if err := rows.Scan(&object, &at, &by, &detail); err != nil {
				return fmt.Errorf("read an earlier return: %w", err)
			}
			var e struct {
				Reason   string   `json:"reason"`
				Returned []string `json:"returned"`
			}
			_ = json.Unmarshal([]byte(detail), &e) // a detail unreadable names no file
			task := strings.TrimPrefix(object, "assignment:")
			for _, doc := range e.Returned {
				key := [2]string{task, doc}
				r, ok := last[key]
				if !ok {
					continue
				}
				r.By, r.At, r.Reason, r.After = by, parseTime(at), e.Reason, nil
				named[key] = append(named[key], r)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	for key, returns := range named {
		out[key[1]].Returns = append(out[key[1]].Returns, returns[:len(returns)-1]...)
	}
	return nil
}

package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// eventTxs holds, per transaction runTx began, the audit events recorded
// in it and not yet written: runTx writes them together just before it
// commits (writeEvents), so a transaction that records an event for each
// of N documents (a bulk link, a batch of status moves) reads their
// titles in one query and inserts them in one statement, not N of each.
type eventTxs struct {
	mu      sync.Mutex
	pending map[*sql.Tx][]Event
}

// openEvents starts holding tx's events.
func (s *Store) openEvents(tx *sql.Tx) {
	s.events.mu.Lock()
	defer s.events.mu.Unlock()
	if s.events.pending == nil {
		s.events.pending = map[*sql.Tx][]Event{}
	}
	s.events.pending[tx] = nil
}

// holdEvent keeps e for tx's batch; false when runTx did not begin tx,
// whose events are then written at once. It keeps a copy of e's Detail,
// so that a map the caller changes or reuses after recordEvent does not
// change what is logged at commit.
func (s *Store) holdEvent(tx *sql.Tx, e Event) bool {
	s.events.mu.Lock()
	defer s.events.mu.Unlock()
	held, ok := s.events.pending[tx]
	if ok {
		e.Detail = maps.Clone(e.Detail)
		s.events.pending[tx] = append(held, e)
	}
	return ok
}

// flushEvents writes the events held for tx so far, keeping tx's batch
// open for those recorded after: a read of the event table inside tx
// (statusBeforeHandIn) calls it first, so that it sees the events tx
// recorded before it as it did when each was written at once.
func (s *Store) flushEvents(ctx context.Context, tx *sql.Tx) error {
	s.events.mu.Lock()
	held, ok := s.events.pending[tx]
	if ok {
		s.events.pending[tx] = nil
	}
	s.events.mu.Unlock()
	if len(held) == 0 {
		return nil
	}
	return s.writeEvents(ctx, tx, held)
}

// takeEvents ends holding tx's events and returns them, in the order
// they were recorded.
func (s *Store) takeEvents(tx *sql.Tx) []Event {
	s.events.mu.Lock()
	defer s.events.mu.Unlock()
	held := s.events.pending[tx]
	delete(s.events.pending, tx)
	return held
}

// eventRowsPerInsert bounds the rows of one INSERT (5 arguments each),
// well within SQLite's and PostgreSQL's limits on arguments.
const eventRowsPerInsert = 100

// writeEvents appends events to the audit log inside tx, in order. An
// event about a document records the document's title as the
// transaction leaves it (EventTitle), so that the log names it as it was
// called even after a rename; not while the title is only its file's
// name (DefaultTitle), which the title read from its text replaces once
// it is read: no user renamed it. The titles of all the events'
// documents are read at once.
func (s *Store) writeEvents(ctx context.Context, tx *sql.Tx, events []Event) error {
	titles, err := eventTitles(ctx, tx, events)
	if err != nil {
		return err
	}
	if events, err = departmentNamed(ctx, tx, events); err != nil {
		return err
	}
	for len(events) > 0 {
		// An event naming other objects is written alone, to learn its
		// ID for them; the others in runs, in order, before and after it.
		n := slices.IndexFunc(events[:min(len(events), eventRowsPerInsert)], func(e Event) bool { return len(e.Also) > 0 })
		if n == 0 {
			if err := s.writeEventAlso(ctx, tx, titled(events[0], titles)); err != nil {
				return err
			}
			events = events[1:]
			continue
		}
		if n < 0 {
			n = min(len(events), eventRowsPerInsert)
		}
		if err := s.writeEventRun(ctx, tx, events[:n], titles); err != nil {
			return err
		}
		events = events[n:]
	}
	return nil
}

// writeEventRun writes run, events naming no other objects, in one
// INSERT, and the indicators their details name (event_indicator). Only
// a run with such an event asks for the new events' IDs: one statement
// gives its rows ascending IDs in the order of its VALUES, on SQLite
// (one writer, the next rowid each) and on PostgreSQL (the identity's
// next value for each row in turn), so the nth smallest is the nth
// event's.
func (s *Store) writeEventRun(ctx context.Context, tx *sql.Tx, run []Event, titles map[string]string) error {
	args := make([]any, 0, 5*len(run))
	details := make([]string, len(run))
	named := false
	for i, e := range run {
		e = titled(e, titles)
		detail, err := eventDetail(e)
		if err != nil {
			return err
		}
		details[i] = detail
		named = named || namesIndicator(detail)
		args = append(args, formatTime(e.At), e.User, e.Action, e.Object, detail)
	}
	q := `INSERT INTO event (at, username, action, object, detail) VALUES (?, ?, ?, ?, ?)` +
		strings.Repeat(", (?, ?, ?, ?, ?)", len(run)-1)
	if !named {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("record event %s: %w", run[0].Action, err)
		}
		return nil
	}
	ids, err := insertedIDs(ctx, tx, q+` RETURNING id`, args)
	if err != nil {
		return fmt.Errorf("record event %s: %w", run[0].Action, err)
	}
	if len(ids) != len(run) {
		return fmt.Errorf("record event %s: %d IDs for %d events", run[0].Action, len(ids), len(run))
	}
	slices.Sort(ids)
	logged := make([]loggedEvent, len(run))
	for i, id := range ids {
		logged[i] = loggedEvent{id: id, action: run[i].Action, object: run[i].Object, detail: details[i]}
	}
	return writeEventIndicators(ctx, tx, logged)
}

// insertedIDs runs the INSERT … RETURNING id q and returns the IDs.
func insertedIDs(ctx context.Context, tx *sql.Tx, q string, args []any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// titled is e recording the title its document has now (titles, by
// document ID), when it is about one and names no title yet.
func titled(e Event, titles map[string]string) Event {
	if id, ok := e.DocumentID(); ok && !e.titleKnown && e.Detail[EventTitle] == nil && titles[id] != "" {
		e.Detail = maps.Clone(e.Detail)
		if e.Detail == nil {
			e.Detail = map[string]any{}
		}
		e.Detail[EventTitle] = titles[id]
	}
	return e
}

// eventDetail is e's Detail as the log stores it.
func eventDetail(e Event) (string, error) {
	if e.Detail == nil {
		return "{}", nil
	}
	b, err := json.Marshal(e.Detail)
	if err != nil {
		return "", fmt.Errorf("encode event detail of %s: %w", e.Action, err)
	}
	return string(b), nil
}

// writeEventAlso writes e and the other objects it names (Event.Also),
// each once.
func (s *Store) writeEventAlso(ctx context.Context, tx *sql.Tx, e Event) error {
	detail, err := eventDetail(e)
	if err != nil {
		return err
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO event (at, username, action, object, detail) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		formatTime(e.At), e.User, e.Action, e.Object, detail).Scan(&id); err != nil {
		return fmt.Errorf("record event %s: %w", e.Action, err)
	}
	if err := writeEventIndicators(ctx, tx, []loggedEvent{{id: id, action: e.Action, object: e.Object, detail: detail}}); err != nil {
		return err
	}
	seen := map[string]bool{e.Object: true}
	for _, o := range e.Also {
		if seen[o] {
			continue
		}
		seen[o] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_about (event_id, object) VALUES (?, ?)`, id, o); err != nil {
			return fmt.Errorf("record that event %s is about %s: %w", e.Action, o, err)
		}
	}
	return nil
}

// eventTitles reads, in one query per list of IDs, the title of each
// document events are about that has one a person or its text gave
// (not DefaultTitle), and that no event names already.
func eventTitles(ctx context.Context, tx *sql.Tx, events []Event) (map[string]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, e := range events {
		if id, ok := e.DocumentID(); ok && !e.titleKnown && e.Detail[EventTitle] == nil && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	titles := make(map[string]string, len(ids))
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, title, filename FROM document WHERE id IN `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, title, filename string
			if err := rows.Scan(&id, &title, &filename); err != nil {
				return err
			}
			if title != "" && title != DefaultTitle(filename) {
				titles[id] = title
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("titles of %d documents for their events: %w", len(ids), err)
	}
	return titles, nil
}

// departmentNamed is events, each about a task recording the name of the
// task's 责任单位 as the transaction leaves it (EventDepartment), unless it
// names one already; a task deleted in the transaction has none to
// record (its delete event names its department itself).
func departmentNamed(ctx context.Context, tx *sql.Tx, events []Event) ([]Event, error) {
	var ids []string
	for _, e := range events {
		if id, ok := strings.CutPrefix(e.Object, "assignment:"); ok && e.Detail[EventDepartment] == nil && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return events, nil
	}
	names := make(map[string]string, len(ids))
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.id, d.name FROM assignment a JOIN department d ON d.id = a.department_id WHERE a.id IN `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				return err
			}
			names[id] = name
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("departments of %d tasks for their events: %w", len(ids), err)
	}
	out := slices.Clone(events)
	for i, e := range out {
		id, _ := strings.CutPrefix(e.Object, "assignment:")
		if name := names[id]; name != "" && strings.HasPrefix(e.Object, "assignment:") && e.Detail[EventDepartment] == nil {
			e.Detail = maps.Clone(e.Detail)
			if e.Detail == nil {
				e.Detail = map[string]any{}
			}
			e.Detail[EventDepartment] = name
			out[i] = e
		}
	}
	return out, nil
}

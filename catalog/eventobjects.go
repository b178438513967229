package catalog

import (
	"context"
	"fmt"
	"slices"
)

// This file holds the lookups by which the audit log names the objects
// of a page of events, each kind in one query rather than one per
// object: a page shows a hundred events, and an archive's deleted claims,
// values and tasks are named from their events (the log is where they
// still are).

// LatestEventsOf returns, for each of objects (as events log them:
// claim:ID, value:ID, assignment:ID), the newest perObject events logged
// with it as their own object (not those naming it: Event.Also), newest
// first, in one query per run of IDs (forInLists). An object without
// events is absent.
func (s *Store) LatestEventsOf(ctx context.Context, objects []string, perObject int) (map[string][]Event, error) {
	out := map[string][]Event{}
	if len(objects) == 0 || perObject <= 0 {
		return out, nil
	}
	err := forInLists(slices.Compact(slices.Sorted(slices.Values(objects))), func(in string, args []any) error {
		events, err := s.queryEvents(ctx, `SELECT id, at, username, action, object, detail FROM (
			SELECT id, at, username, action, object, detail, ROW_NUMBER() OVER (PARTITION BY object ORDER BY id DESC) AS newest
			FROM event WHERE object IN `+in+`) e WHERE newest <= ? ORDER BY id DESC`, append(args, perObject)...)
		for _, e := range events {
			out[e.Object] = append(out[e.Object], e)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("latest events of %d objects: %w", len(objects), err)
	}
	return out, nil
}

// AssignmentsByID returns the assignments of ids that exist, by ID,
// without their documents (Assignment.Documents and the rest are empty):
// what naming them takes (city, department, indicator, round). An ID
// without an assignment is absent.
func (s *Store) AssignmentsByID(ctx context.Context, ids []string) (map[string]*Assignment, error) {
	out := map[string]*Assignment{}
	err := forInLists(slices.Compact(slices.Sorted(slices.Values(ids))), func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT `+assignmentColumns+` FROM assignment a
			JOIN department d ON d.id = a.department_id WHERE a.id IN `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAssignment(rows)
			if err != nil {
				return err
			}
			out[a.ID] = a
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("assignments of %d ids: %w", len(ids), err)
	}
	return out, nil
}

// CarryoversByID returns the carry-over rows of ids that exist, by ID,
// as CarryoverByID reads one. An ID without a row (its round deleted) is
// absent.
func (s *Store) CarryoversByID(ctx context.Context, ids []string) (map[string]*Carryover, error) {
	out := map[string]*Carryover{}
	err := forInLists(slices.Compact(slices.Sorted(slices.Values(ids))), func(in string, args []any) error {
		cs, err := s.queryCarryovers(ctx, `SELECT id, city, round, from_round, kind, indicator_code, source_id, object_id, state,
			decided_by, decided_at, created_at, `+carrySourcesDeletedSQL+` FROM carryover WHERE id IN `+in, args...)
		for i := range cs {
			out[cs[i].ID] = &cs[i]
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("carry-overs of %d ids: %w", len(ids), err)
	}
	return out, nil
}

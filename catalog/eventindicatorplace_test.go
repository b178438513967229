package catalog

import (
	"context"
	"database/sql"
	"slices"
	"testing"
)

// A catalog of version 47 (event_indicator without place, its rows
// written by the code of then: a link event's naming no city) is
// migrated: 048 places the rows written before, a link event's in its
// document's city as it is now (a document moved before the migration
// too), and the indicator filter in a city lists what the LIKE over
// details lists, also once the migration runs again.
func TestEventIndicatorPlaceFillsOldRows(t *testing.T) {
	forEachStore(t, testEventIndicatorPlaceFillsOldRows)
}

func testEventIndicatorPlaceFillsOldRows(t *testing.T, s *Store) {
	ctx := context.Background()
	mixedIndicatorLog(t, s)
	moved := newDoc("D5", "sha-D5")
	moved.Title = "误归杭州的宁波市终身学习条例"
	if err := s.CreateDocument(ctx, moved, Submission{User: "wang"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "D5", IndicatorCode: "2.3.1", CreatedBy: "wang"}}, false); err != nil {
		t.Fatal(err)
	}
	suffix := "_event_indicator_place.sql"
	if s.dialect.twin != "" {
		suffix = "_event_indicator_place" + s.dialect.twin
	}
	at := migrationAt(t, s, suffix)
	// The catalog as it was at version 47, and what its code wrote: a
	// link event of 宁波's document recorded without a place, and D5
	// moved to 宁波 by a move that knew nothing of places.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DROP INDEX event_indicator_place`, `ALTER TABLE event_indicator DROP COLUMN place`,
			`UPDATE document SET city = '330200' WHERE id = 'D5'`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO event (at, username, action, object, detail) VALUES ('2024-05-01T08:00:00Z', 'li', 'link.create', 'D4',
			'{"indicator":"2.3.1","link":"旧关联","page":3}') RETURNING id`).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_indicator (indicator, city, event_id) VALUES ('2.3.1', '', ?)`, id); err != nil {
			return err
		}
		return s.dialect.setVersion(ctx, tx, at)
	})
	if err != nil {
		t.Fatalf("make a catalog of version %d: %v", at, err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate from version %d: %v", at, err)
	}
	for range 2 {
		assertLinkEventsPlaced(t, s)
		assertIndicatorFilterAsLike(t, s, "migrated")
		runMigrationAgain(t, s, at)
	}
}

// assertLinkEventsPlaced checks that the indicator filter lists the
// link events of testEventIndicatorPlaceFillsOldRows in the city their
// documents are in now: D4's (宁波's) and D5's (moved there) in 宁波, not in
// 杭州; and that no link event naming no city whose document there is is
// left unplaced.
func assertLinkEventsPlaced(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	for _, tt := range []struct {
		city      string
		want, not []string
	}{
		{"330200", []string{"link.create D4 旧关联", "link.create D5"}, nil},
		{"330100", []string{"link.create D1"}, []string{"link.create D4 旧关联", "link.create D5"}},
	} {
		evs, err := s.FindEvents(ctx, EventFilter{Indicator: "2.3.1", IndicatorCity: tt.city, Limit: 100})
		if err != nil {
			t.Fatalf("events of 2.3.1 in %s: %v", tt.city, err)
		}
		var got []string
		for _, e := range evs {
			line := e.Action + " " + e.Object
			if l, _ := e.Detail["link"].(string); l == "旧关联" {
				line += " " + l
			}
			got = append(got, line)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("events of 2.3.1 in %s after the migration: %q, want %q among them", tt.city, got, w)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(got, n) {
				t.Errorf("events of 2.3.1 in %s after the migration: %q, want no %q", tt.city, got, n)
			}
		}
	}
	var unplaced int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_indicator n JOIN event e ON e.id = n.event_id
		JOIN document d ON d.id = e.object WHERE n.city = '' AND e.action LIKE 'link.%' AND n.place <> d.city`).Scan(&unplaced); err != nil {
		t.Fatal(err)
	}
	if unplaced > 0 {
		t.Errorf("%d rows of link events naming no city not placed in their document's city", unplaced)
	}
}

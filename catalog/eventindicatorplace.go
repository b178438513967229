package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// addEventIndicatorPlace is the Go step of migration 048 on SQLite: it
// adds event_indicator's place where missing, fills it for the rows
// written before (the city a row names; for a link event naming none,
// its document's city as it is now) and indexes it. Run again, it
// computes the places again.
func addEventIndicatorPlace(ctx context.Context, tx *sql.Tx) error {
	if err := addColumnIfMissing(ctx, tx, "event_indicator", "place", `TEXT NOT NULL DEFAULT ''`); err != nil {
		return err
	}
	for _, q := range []string{
		`UPDATE event_indicator SET place = city WHERE city <> '' AND place <> city`,
		`UPDATE event_indicator SET place = COALESCE((SELECT d.city FROM event e JOIN document d ON d.id = e.object
			WHERE e.id = event_indicator.event_id AND e.action LIKE 'link.%'), '') WHERE city = ''`,
		`CREATE INDEX IF NOT EXISTS event_indicator_place ON event_indicator (indicator, place, event_id)`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("place the events' indicators: %w", err)
		}
	}
	return nil
}

// moveLinkEventPlaces places in city, inside tx, the event_indicator
// rows of the link events of document id whose details name no city:
// MoveDocument takes them along, so that the document's history of links
// is read in the city it is in now. Each row is found by its key.
func moveLinkEventPlaces(ctx context.Context, tx *sql.Tx, id, city string) error {
	events, err := linkEventsOf(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, e := range events {
		indicators, cities := detailIndicators(e.detail)
		if len(cities) > 0 {
			continue // placed in the city the detail names
		}
		for _, ind := range indicators {
			if _, err := tx.ExecContext(ctx, `UPDATE event_indicator SET place = ? WHERE indicator = ? AND city = '' AND event_id = ?`,
				city, ind, e.id); err != nil {
				return fmt.Errorf("move the link events of document %s: %w", id, err)
			}
		}
	}
	return nil
}

// linkEventsOf reads, inside tx, the link events of document id whose
// details may name an indicator.
func linkEventsOf(ctx context.Context, tx *sql.Tx, id string) ([]loggedEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, action, object, detail FROM event WHERE object = ? AND action LIKE 'link.%'`, id)
	if err != nil {
		return nil, fmt.Errorf("read the link events of document %s: %w", id, err)
	}
	defer rows.Close()
	var out []loggedEvent
	for rows.Next() {
		var e loggedEvent
		if err := rows.Scan(&e.id, &e.action, &e.object, &e.detail); err != nil {
			return nil, fmt.Errorf("read the link events of document %s: %w", id, err)
		}
		if namesIndicator(e.detail) {
			out = append(out, e)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the link events of document %s: %w", id, err)
	}
	return out, nil
}

package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
)

// eventIndicatorBatch is how many events of the log one transaction of
// fillEventIndicators reads (Store.indicatorBatch, which tests make
// small, when set).
const eventIndicatorBatch = 2000

// fillEventIndicators records in event_indicator what the details of the
// events written before migration 043 name (event_indicator_fill), a
// batch of events a transaction, each moving the fill's mark on: a start
// stopped half-way goes on from the last batch committed, and the writer
// is held for one batch at a time, not for the whole log. Several nodes
// opening one PostgreSQL catalog at once take batches in turn (the mark's
// row is locked). It returns once the fill is done, so that a store open
// finds every event by its indicator.
func (s *Store) fillEventIndicators(ctx context.Context) error {
	// Once filled, a start (or a command opening the catalog beside a
	// running server) only reads the mark, taking no write lock.
	var left int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_indicator_fill WHERE done < upto`).Scan(&left); err != nil {
		return fmt.Errorf("read the mark of the events' indicators filled: %w", err)
	}
	if left == 0 {
		return nil
	}
	for deadlocks := 0; ; {
		more, err := s.fillEventIndicatorBatch(ctx)
		if isDeadlock(err) && deadlocks < maxFillDeadlocks {
			// A writer locking documents out of order met the batch's
			// holds (indicatorRows): the batch wrote nothing; again.
			deadlocks++
			continue
		}
		if err != nil {
			return fmt.Errorf("record the indicators of the events logged before: %w", err)
		}
		if !more {
			return nil
		}
		// Counted a batch: deadlocks spread over a long log are each
		// retried; only a batch that keeps meeting them stops the start.
		deadlocks = 0
	}
}

// maxFillDeadlocks is how many times in a row fillEventIndicators runs a
// batch again that PostgreSQL ended as a deadlock before it gives up (the
// start fails, and the next goes on from the last batch done).
const maxFillDeadlocks = 3

// isDeadlock reports whether err is PostgreSQL's deadlock_detected.
func isDeadlock(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "40P01"
}

// fillEventIndicatorBatch fills the next batch of fillEventIndicators;
// false once none is left.
func (s *Store) fillEventIndicatorBatch(ctx context.Context) (more bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var done, upto int64
		err := tx.QueryRowContext(ctx, `SELECT done, upto FROM event_indicator_fill WHERE id = 1`+s.dialect.lockRow).Scan(&done, &upto)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // the log was empty at the migration
		}
		if err != nil {
			return fmt.Errorf("read the fill's mark: %w", err)
		}
		if done >= upto {
			return nil
		}
		batch := eventIndicatorBatch
		if s.indicatorBatch > 0 {
			batch = s.indicatorBatch
		}
		last, events, err := eventsNamingIndicatorsAfter(ctx, tx, done, upto, batch)
		if err != nil {
			return err
		}
		// The documents of link events naming no city are held as
		// their cities are read (a move waits for the rows placed by
		// them): unheld, a move committing before the rows are
		// written found none to take along, and they stayed in the
		// city the document left.
		rows, err := indicatorRows(ctx, tx, events, s.dialect.lockShare)
		if err != nil {
			return err
		}
		if s.indicatorPlacesRead != nil {
			s.indicatorPlacesRead()
		}
		if err := writeIndicatorRows(ctx, tx, rows); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_indicator_fill SET done = ? WHERE id = 1`, last); err != nil {
			return fmt.Errorf("move the fill's mark to event %d: %w", last, err)
		}
		if s.indicatorBatchFilled != nil {
			if err := s.indicatorBatchFilled(last); err != nil {
				return err
			}
		}
		more = last < upto
		return nil
	})
	return more, err
}

// eventsNamingIndicatorsAfter reads the events of ID after done, up to
// upto, at most batch of them, and returns the ID of the last read (upto
// when none is left) and those whose details may name an indicator.
func eventsNamingIndicatorsAfter(ctx context.Context, tx *sql.Tx, done, upto int64, batch int) (int64, []loggedEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, action, object, detail FROM event WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`,
		done, upto, batch)
	if err != nil {
		return 0, nil, fmt.Errorf("read events after %d: %w", done, err)
	}
	defer rows.Close()
	var out []loggedEvent
	n, last := 0, done
	for rows.Next() {
		var e loggedEvent
		if err := rows.Scan(&e.id, &e.action, &e.object, &e.detail); err != nil {
			return 0, nil, fmt.Errorf("read events after %d: %w", done, err)
		}
		n++
		last = e.id
		if namesIndicator(e.detail) {
			out = append(out, e)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, nil, fmt.Errorf("read events after %d: %w", done, err)
	}
	if n < batch {
		last = upto // none left between: the mark goes to the end
	}
	return last, out, nil
}

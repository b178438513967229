package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// RoundSetup says what a round has been given since it was made: the
// carry-over (结转) of the round before it, for any city, and a
// responsibility table (责任分解表), copied or imported, for any city.
// Admin pages offer each only while the round lacks it.
type RoundSetup struct {
	Carried bool
	Tables  bool
}

// RoundSetup returns what year's round has been given (RoundSetup); a
// round that does not exist has been given nothing.
func (s *Store) RoundSetup(ctx context.Context, year int) (RoundSetup, error) {
	var st RoundSetup
	err := s.db.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM event WHERE object = ? AND action = 'round.carryover'),
		EXISTS (SELECT 1 FROM assignment WHERE round = ?)`, fmt.Sprintf("round:%d", year), year).Scan(&st.Carried, &st.Tables)
	if err != nil {
		return st, fmt.Errorf("round %d setup: %w", year, err)
	}
	return st, nil
}

// SetCurrentRound makes the existing round year the current one, and
// records it (round.current) with the round it replaces. The round that
// stops being current keeps the names it was monitored under, as in
// AddRound. A round that is current already is left as it is (changed
// false, nothing recorded); one that does not exist is ENOTFOUND.
func (s *Store) SetCurrentRound(ctx context.Context, year int, by string) (changed bool, err error) {
	now := s.now()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var current bool
		err := tx.QueryRowContext(ctx, `SELECT is_current FROM round WHERE year = ?`, year).Scan(&current)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "监测轮次 %d 不存在", year)
		}
		if err != nil {
			return fmt.Errorf("read round %d: %w", year, err)
		}
		if current {
			return nil
		}
		var was sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MAX(year) FROM round WHERE is_current = 1`).Scan(&was); err != nil {
			return fmt.Errorf("read the current round: %w", err)
		}
		if err := s.keepLeavingRound(ctx, tx, year, by, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE round SET is_current = CASE WHEN year = ? THEN 1 ELSE 0 END`, year); err != nil {
			return fmt.Errorf("make round %d current: %w", year, err)
		}
		changed = true
		return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: "round.current", Object: fmt.Sprintf("round:%d", year),
			Detail: map[string]any{"previous": was.Int64}})
	})
	return changed, err
}

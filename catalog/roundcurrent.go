package catalog

import (
	"context"
	"database/sql"
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
		changed = false // a transaction tried again starts afresh
		current, was, err := s.lockRounds(ctx, tx, year)
		if err != nil || current {
			return err
		}
		if err := s.keepLeavingRound(ctx, tx, year, by, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE round SET is_current = CASE WHEN year = ? THEN 1 ELSE 0 END`, year); err != nil {
			return fmt.Errorf("make round %d current: %w", year, err)
		}
		changed = true
		return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: "round.current", Object: fmt.Sprintf("round:%d", year),
			Detail: map[string]any{"previous": was}})
	})
	return changed, err
}

// lockRounds locks every round's row (dialect.lockRow) and reports
// whether year is current, and which round is (0 for none). On PostgreSQL
// two admins making year current at once queue here, and the second reads
// it current once the first commits: only one changes it, so only one
// goes on to carry every city over into it (结转) and copy their tables.
// A round that does not exist is ENOTFOUND.
func (s *Store) lockRounds(ctx context.Context, tx *sql.Tx, year int) (current bool, was int64, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT year, is_current FROM round ORDER BY year`+s.dialect.lockRow)
	if err != nil {
		return false, 0, fmt.Errorf("lock the rounds: %w", err)
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var y int64
		var cur int
		if err := rows.Scan(&y, &cur); err != nil {
			return false, 0, fmt.Errorf("read the rounds: %w", err)
		}
		if cur == 1 {
			was = y
		}
		if y == int64(year) {
			found, current = true, cur == 1
		}
	}
	if err := rows.Err(); err != nil {
		return false, 0, fmt.Errorf("read the rounds: %w", err)
	}
	if !found {
		return false, 0, Errorf(ENOTFOUND, "监测轮次 %d 不存在", year)
	}
	return current, was, nil
}

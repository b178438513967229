package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A monitoring round's indicator names are those of the framework it was
// monitored under: the framework changes between rounds (试行 → 修订),
// and a rename for round 2025 must not rename round 2024's report. A
// round's framework is kept (round_framework, round_indicator) when the
// round stops being the current one, or before an import meant for the
// next round (ImportFrameworkForNextRound); a round with none kept follows the current
// framework.

// keepRoundNames copies, inside tx, the current framework as round's own
// unless round has one kept already; it reports whether it copied.
// Nothing is kept when no framework was imported.
func (s *Store) keepRoundNames(ctx context.Context, tx *sql.Tx, round int, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO round_framework (round, framework_id, name, name_en, version, kept_at)
		SELECT ?, id, name, name_en, version, ? FROM framework WHERE is_current = 1
		ON CONFLICT (round) DO NOTHING`, round, formatTime(now))
	if err != nil {
		return false, fmt.Errorf("keep the framework of round %d: %w", round, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO round_indicator (round, code, parent_code, level, position, name, name_en, kind, info, info_en, unit)
		SELECT ?, i.code, i.parent_code, i.level, i.position, i.name, i.name_en, i.kind, i.info, i.info_en, i.unit
		FROM indicator i JOIN framework f ON f.key = i.framework_key WHERE f.is_current = 1`, round)
	if err != nil {
		return false, fmt.Errorf("keep the indicators of round %d: %w", round, err)
	}
	return true, nil
}

// RoundFramework returns the framework a round was monitored under and
// its indicators in the framework's order: the one kept for the round,
// or the current framework when the round has none kept (kept false).
// ENOTFOUND when neither exists.
func (s *Store) RoundFramework(ctx context.Context, round int) (fw *Framework, inds []Indicator, kept bool, err error) {
	var f Framework
	err = s.db.QueryRowContext(ctx, `SELECT framework_id, name, name_en, version FROM round_framework WHERE round = ?`, round).
		Scan(&f.ID, &f.Name, &f.NameEN, &f.Version)
	if errors.Is(err, sql.ErrNoRows) {
		fw, inds, err := s.CurrentFramework(ctx)
		return fw, inds, false, err
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("read the framework of round %d: %w", round, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT code, parent_code, level, name, name_en, kind, info, info_en, unit
		FROM round_indicator WHERE round = ? ORDER BY position`, round)
	if err != nil {
		return nil, nil, false, fmt.Errorf("read the indicators of round %d: %w", round, err)
	}
	defer rows.Close()
	for rows.Next() {
		var ind Indicator
		if err := rows.Scan(&ind.Code, &ind.ParentCode, &ind.Level, &ind.Name, &ind.NameEN, &ind.Kind, &ind.Info, &ind.InfoEN, &ind.Unit); err != nil {
			return nil, nil, false, err
		}
		inds = append(inds, ind)
	}
	return &f, inds, true, rows.Err()
}

// keepLeavingRound keeps, inside tx, the names of the current round when
// round is made current in its place.
func (s *Store) keepLeavingRound(ctx context.Context, tx *sql.Tx, round int, by string, now time.Time) error {
	var current int
	err := tx.QueryRowContext(ctx, `SELECT year FROM round WHERE is_current = 1`).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && current == round) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the current round: %w", err)
	}
	kept, err := s.keepRoundNames(ctx, tx, current, now)
	if err != nil || !kept {
		return err
	}
	return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: "round.keep_names", Object: fmt.Sprintf("round:%d", current),
		Detail: map[string]any{"new_current": round}})
}

// keepCurrentRound keeps, inside tx, the current round's names before an
// import for the next round, and notes it in rep.
func (s *Store) keepCurrentRound(ctx context.Context, tx *sql.Tx, rep *ImportReport, by string) error {
	var current int
	err := tx.QueryRowContext(ctx, `SELECT year FROM round WHERE is_current = 1`).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the current round: %w", err)
	}
	kept, err := s.keepRoundNames(ctx, tx, current, rep.Framework.ImportedAt)
	if err != nil || !kept {
		return err
	}
	rep.KeptRound = current
	return s.recordEvent(ctx, tx, Event{At: rep.Framework.ImportedAt, User: by, Action: "round.keep_names",
		Object: fmt.Sprintf("round:%d", current)})
}

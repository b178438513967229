package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The login throttle's memory (auth.Throttle), kept in the catalog so that
// every node sharing it counts every node's failed attempts: failures per
// throttle key (an address, an account, an account from an address) and
// millisecond, and when an account last signed in from an address.
// Concurrent writers meet in portable upserts (INSERT … ON CONFLICT), never
// in a read followed by a write.

// RecordLoginFailure counts one failed login at at under each key, and
// drops every failure at or before expired (outside the throttle's window).
func (s *Store) RecordLoginFailure(ctx context.Context, keys []string, at, expired time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failure WHERE at_ms <= ?`, expired.UnixMilli()); err != nil {
			return fmt.Errorf("prune login failures: %w", err)
		}
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_failure (throttle_key, at_ms, n) VALUES (?, ?, 1)
				ON CONFLICT (throttle_key, at_ms) DO UPDATE SET n = login_failure.n + 1`, k, at.UnixMilli()); err != nil {
				return fmt.Errorf("record login failure: %w", err)
			}
		}
		return nil
	})
}

// LoginFailures returns the failures counted under each of keys after
// since, each key's oldest first, one time per failure.
func (s *Store) LoginFailures(ctx context.Context, since time.Time, keys ...string) (map[string][]time.Time, error) {
	out := make(map[string][]time.Time, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	args := []any{since.UnixMilli()}
	for _, k := range keys {
		args = append(args, k)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT throttle_key, at_ms, n FROM login_failure
		WHERE at_ms > ? AND throttle_key IN (?`+strings.Repeat(",?", len(keys)-1)+`) ORDER BY at_ms`, args...)
	if err != nil {
		return nil, fmt.Errorf("query login failures: %w", s.dialect.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var ms int64
		var n int
		if err := rows.Scan(&k, &ms, &n); err != nil {
			return nil, err
		}
		for range n {
			out[k] = append(out[k], time.UnixMilli(ms).UTC())
		}
	}
	return out, rows.Err()
}

// ClearLoginFailures forgets the failures counted under key.
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := s.execWrite(ctx, `DELETE FROM login_failure WHERE throttle_key = ?`, key); err != nil {
		return fmt.Errorf("clear login failures: %w", s.dialect.translate(err))
	}
	return nil
}

// RememberLogin records that username signed in from address at at, and
// forgets sign-ins at or before forgotten.
func (s *Store) RememberLogin(ctx context.Context, username, address string, at, forgotten time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_known WHERE at_ms <= ?`, forgotten.UnixMilli()); err != nil {
			return fmt.Errorf("prune known addresses: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_known (username, address, at_ms) VALUES (?, ?, ?)
			ON CONFLICT (username, address) DO UPDATE SET at_ms = excluded.at_ms`, username, address, at.UnixMilli()); err != nil {
			return fmt.Errorf("remember login: %w", err)
		}
		return nil
	})
}

// LastLogin returns when username last signed in from address, and false
// when it has not (or it was forgotten).
func (s *Store) LastLogin(ctx context.Context, username, address string) (time.Time, bool, error) {
	var ms int64
	err := s.db.QueryRowContext(ctx, `SELECT at_ms FROM login_known WHERE username = ? AND address = ?`, username, address).Scan(&ms)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("query known address: %w", s.dialect.translate(err))
	}
	return time.UnixMilli(ms).UTC(), true, nil
}

// TakeLoginTurn gives address's login turn to holder for lease, and
// reports false when another holder has it and its lease has not ended.
// One statement, so that of two nodes asking at once one gets it; leases
// are set and compared by the database's clock, so nodes whose clocks
// differ agree on when one ends.
func (s *Store) TakeLoginTurn(ctx context.Context, address, holder string, lease time.Duration) (bool, error) {
	now := s.dialect.nowMs
	res, err := s.execWrite(ctx, `INSERT INTO login_turn (address, holder, until_ms) VALUES (?, ?, `+now+` + ?)
		ON CONFLICT (address) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
		WHERE login_turn.until_ms <= `+now, address, holder, lease.Milliseconds())
	if err != nil {
		return false, fmt.Errorf("take login turn: %w", s.dialect.translate(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("take login turn: %w", err)
	}
	return n == 1, nil
}

// GiveLoginTurn gives back address's turn if holder still has it.
func (s *Store) GiveLoginTurn(ctx context.Context, address, holder string) error {
	if _, err := s.execWrite(ctx, `DELETE FROM login_turn WHERE address = ? AND holder = ?`, address, holder); err != nil {
		return fmt.Errorf("give back login turn: %w", s.dialect.translate(err))
	}
	return nil
}

// SweepLoginTurns forgets the turns whose lease ended more than ago
// before (those of a node stopped while it held them, from an address
// not heard from since: the next attempt from one takes it over anyway).
func (s *Store) SweepLoginTurns(ctx context.Context, ago time.Duration) error {
	if _, err := s.execWrite(ctx, `DELETE FROM login_turn WHERE until_ms < `+s.dialect.nowMs+` - ?`, ago.Milliseconds()); err != nil {
		return fmt.Errorf("sweep login turns: %w", s.dialect.translate(err))
	}
	return nil
}

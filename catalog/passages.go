package catalog

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// A passage pasted into the search box is kept under a short key
// (PassageKey), so that the search's address carries the key instead of
// the passage: a long passage made an address proxies refuse and
// browsers keep in their history. Migration 041.

// passageKeyBytes is how many bytes of a passage's HMAC its key keeps:
// 128 bits, 32 hexadecimal digits in an address.
const passageKeyBytes = 16

// PassageKey returns the key passage is kept under when an account of
// scope (User.PassageScope) pastes it: the first 128 bits of the
// HMAC-SHA-256 of the scope and the text under the archive's secret
// (migration 044), in hexadecimal. The same text pasted in the same scope
// has the same key on every node of a shared catalog, so two experts share
// a link; pasted in two cities it has two keys, each kept with its own
// scope (migration 045). Without the secret no one can compute a text's
// key, so a key tells nothing of whether a known text was pasted. A key
// given before the secret (a plain SHA-256), or before scopes, names no
// passage any more.
func (s *Store) PassageKey(ctx context.Context, scope, passage string) (string, error) {
	if scope == "" {
		return "", fmt.Errorf("key of search passage: no scope to keep it in")
	}
	secret, err := s.archiveSecret(ctx, secretPassageKey)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, secret)
	// A scope is city codes or "*", never a NUL: scope and text cannot be
	// cut another way.
	mac.Write([]byte(scope))
	mac.Write([]byte{0})
	mac.Write([]byte(passage))
	return hex.EncodeToString(mac.Sum(nil)[:passageKeyBytes]), nil
}

// PassageUnused is how long a kept passage may go unused (neither kept
// again nor read) before it is forgotten: a link to its search older than
// that asks for the passage to be pasted again.
const PassageUnused = 30 * 24 * time.Hour

// passageTouchEvery is how stale a passage's last use may be before
// reading it records the use: a search paged through or shared is read on
// every page, and each need not write.
const passageTouchEvery = 24 * time.Hour

// KeepPassage stores body under key with the scope of the account that
// pasted it (User.PassageScope: who may read it back, Passage), or records
// that the passage already kept there was used now, and forgets the
// passages unused for PassageUnused. It is idempotent. A key already
// holding another text, or the same text of another scope, is ECONFLICT:
// keys are hashes (PassageKey), and a collision is never silently
// resolved by showing one person's passage for another's.
func (s *Store) KeepPassage(ctx context.Context, key, scope, body string) error {
	if scope == "" {
		return fmt.Errorf("keep search passage %s: no scope to keep it in", key)
	}
	now := s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var kept, keptScope string
		err := tx.QueryRowContext(ctx, `SELECT body, scope FROM search_passage WHERE passage_key = ?`, key).Scan(&kept, &keptScope)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO search_passage (passage_key, body, scope, used_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (passage_key) DO UPDATE SET used_at = excluded.used_at`, key, body, scope, formatTime(now))
		case err != nil:
		case kept != body || keptScope != scope:
			return Errorf(ECONFLICT, "检索段落的编号 %s 已用于另一段文字，请稍作修改后再检索", key)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE search_passage SET used_at = ? WHERE passage_key = ?`, formatTime(now), key)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM search_passage WHERE used_at < ?`, formatTime(now.Add(-PassageUnused)))
		return err
	})
	if err != nil {
		return fmt.Errorf("keep search passage %s: %w", key, s.dialect.translate(err))
	}
	return nil
}

// Passage returns the passage kept under key (KeepPassage) to reader,
// recording its use at most once a day; ENOTFOUND when none is, never
// kept or unused for PassageUnused, and the same ENOTFOUND when reader may
// not read it (User.CanReadPassage): a key seen in a shared link, a proxy's
// log or a Referer does not confirm to an account of another city that a
// passage is kept under it, let alone show it. Its use is then not
// recorded either.
func (s *Store) Passage(ctx context.Context, reader *User, key string) (string, error) {
	now := s.now()
	var body, used, scope string
	err := s.db.QueryRowContext(ctx, `SELECT body, used_at, scope FROM search_passage WHERE passage_key = ?`, key).Scan(&body, &used, &scope)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (parseTime(used).Before(now.Add(-PassageUnused)) || !reader.CanReadPassage(scope))) {
		return "", Errorf(ENOTFOUND, "这次检索的段落已不在档案中（超过 %d 天未使用会被清除），请重新粘贴段落检索", int(PassageUnused/(24*time.Hour)))
	}
	if err != nil {
		return "", fmt.Errorf("read search passage %s: %w", key, s.dialect.translate(err))
	}
	if parseTime(used).Before(now.Add(-passageTouchEvery)) {
		if _, err := s.execWrite(ctx, `UPDATE search_passage SET used_at = ? WHERE passage_key = ?`, formatTime(now), key); err != nil {
			return "", fmt.Errorf("record use of search passage %s: %w", key, s.dialect.translate(err))
		}
	}
	return body, nil
}

// addPassageScope is migration 045's Go step on SQLite: search_passage's
// scope where it is missing, so the migration may run again under another
// number, and the passages kept without one forgotten, as no one may read
// them (User.CanReadPassage).
func addPassageScope(ctx context.Context, tx *sql.Tx) error {
	if err := addColumnIfMissing(ctx, tx, "search_passage", "scope", `TEXT NOT NULL DEFAULT ''`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_passage WHERE scope = ''`); err != nil {
		return fmt.Errorf("forget search passages kept without a scope: %w", err)
	}
	return nil
}

package catalog

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A node of a shared catalog keeps its own index, which follows the
// catalog's change numbers. The catalog's identity and the nodes' follow
// checkpoints let a node tell, at start, that the catalog is not the one
// its index followed: another catalog, or this one put back to an
// earlier state, which hands out again change numbers the node applied
// with other changes behind them. Migration 042.

// Identity says which catalog this is.
type Identity struct {
	// ID is random, given when the catalog was made (or, for one made
	// before migration 042, when it was migrated) and given anew by
	// MarkRestored.
	ID           string
	CreatedAt    time.Time
	RestoredFrom string    // the ID this one replaced at a restore; "" if never restored
	RestoredAt   time.Time // zero if never restored
}

// Identity returns the catalog's identity.
func (s *Store) Identity(ctx context.Context) (Identity, error) {
	var id Identity
	var created, restored string
	err := s.db.QueryRowContext(ctx, `SELECT id, created_at, restored_from, restored_at FROM catalog_identity`).
		Scan(&id.ID, &created, &id.RestoredFrom, &restored)
	if err != nil {
		return Identity{}, fmt.Errorf("read catalog identity: %w", s.dialect.translate(err))
	}
	id.CreatedAt, id.RestoredAt = parseTime(created), parseTime(restored)
	return id, nil
}

// MarkRestored gives the catalog a new identity, keeping the one it
// replaces as RestoredFrom: the catalog was just restored from a backup,
// so it is no longer the line of changes the backed-up catalog went on
// with, and a node whose index followed that one must not take this one
// for it. It returns the new identity.
func (s *Store) MarkRestored(ctx context.Context) (Identity, error) {
	id := newRandomText()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE catalog_identity SET restored_from = id, id = ?, restored_at = ?`,
			id, formatTime(s.now()))
		return err
	})
	if err != nil {
		return Identity{}, fmt.Errorf("give the restored catalog a new identity: %w", s.dialect.translate(err))
	}
	return s.Identity(ctx)
}

// fillCatalogIdentity is migration 042's Go step: the identity row,
// unless the migration ran before under another number.
func fillCatalogIdentity(ctx context.Context, s *Store, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM catalog_identity`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO catalog_identity (id, created_at) VALUES (?, ?)`,
		newRandomText(), formatTime(s.now()))
	return err
}

// newRandomText is 128 random bits as 26 letters and digits.
func newRandomText() string { return rand.Text() }

// NewFollowMark returns a new random mark for RecordFollowCheckpoint.
func NewFollowMark() string { return newRandomText() }

// FollowCheckpoint is how far a node's index may have followed the
// catalog, as the node last recorded it (RecordFollowCheckpoint).
type FollowCheckpoint struct {
	Node     string
	Seq      int64  // the last change the node's index may have applied
	Mark     string // the node's mark for Seq
	PrevMark string // the mark the node recorded before
	At       time.Time
}

// Knows reports whether mark is one of the two the node recorded last:
// the catalog then holds every change the node's index may have applied
// when it kept that mark.
func (c FollowCheckpoint) Knows(mark string) bool {
	return mark != "" && (mark == c.Mark || mark == c.PrevMark)
}

// FollowCheckpoint returns the checkpoint node recorded last; an error of
// code ENOTFOUND when it recorded none in this catalog.
func (s *Store) FollowCheckpoint(ctx context.Context, node string) (FollowCheckpoint, error) {
	c := FollowCheckpoint{Node: node}
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT seq, mark, prev_mark, at FROM follow_checkpoint WHERE node = ?`, node).
		Scan(&c.Seq, &c.Mark, &c.PrevMark, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return FollowCheckpoint{}, Errorf(ENOTFOUND, "节点 %s 没有在目录中记录索引跟随到的位置", node)
	}
	if err != nil {
		return FollowCheckpoint{}, fmt.Errorf("read follow checkpoint of node %s: %w", node, s.dialect.translate(err))
	}
	c.At = parseTime(at)
	return c, nil
}

// RecordFollowCheckpoint records that node's index may apply the changes
// up to seq, under mark (NewFollowMark), keeping the mark it recorded
// before as PrevMark. The node records it before it applies them, after
// reading them from the catalog, so a copy of the catalog that holds
// mark holds every change up to seq: a node keeping mark beside its
// index can tell a catalog restored from an earlier copy by its not
// knowing the mark (FollowCheckpoint.Knows). Idempotent for one mark.
func (s *Store) RecordFollowCheckpoint(ctx context.Context, node string, seq int64, mark string) error {
	_, err := s.execWrite(ctx, `INSERT INTO follow_checkpoint (node, seq, mark, prev_mark, at) VALUES (?, ?, ?, '', ?)
		ON CONFLICT (node) DO UPDATE SET seq = excluded.seq, at = excluded.at,
			prev_mark = CASE WHEN follow_checkpoint.mark = excluded.mark THEN follow_checkpoint.prev_mark ELSE follow_checkpoint.mark END,
			mark = excluded.mark`, node, seq, mark, formatTime(s.now()))
	if err != nil {
		return fmt.Errorf("record follow checkpoint of node %s: %w", node, s.dialect.translate(err))
	}
	return nil
}

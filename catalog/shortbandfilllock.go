package catalog

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// lockShortBandFill is the advisory lock of the node doing the fill of
// short bands (migration 049) on PostgreSQL.
const lockShortBandFill int64 = 0x65766964_0004

// fillHold is the PostgreSQL connection on which this store holds
// lockShortBandFill, while it does the fill of short bands: a session's
// lock, so that no other node of the catalog starts the fill too (each
// would read every stored text again, from S3 maybe), and so that the
// lock goes with the connection when the node holding it dies, leaving
// the fill's mark for the next start to go on from.
type fillHold struct {
	mu   sync.Mutex
	conn *sql.Conn
}

// holdShortBandFill reports whether this store may go on with the fill of
// short bands: always on SQLite, whose one writer is one process's; on
// PostgreSQL when it holds lockShortBandFill, which it takes on its first
// call and keeps until releaseShortBandFill. Another node holding it is
// no error: that node fills, this one does not.
func (s *Store) holdShortBandFill(ctx context.Context) (bool, error) {
	if s.dialect.serialWriters {
		return true, nil
	}
	s.fill.mu.Lock()
	defer s.fill.mu.Unlock()
	if s.fill.conn != nil {
		// A session holds its lock until it ends: alive, it still holds
		// it. One ended under this node (pg_terminate_backend, a server
		// restart, a network cut) let it go, maybe to another node.
		if _, err := s.fill.conn.ExecContext(ctx, `SELECT 1`); err == nil {
			return true, nil
		}
		discard(s.fill.conn)
		s.fill.conn = nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("connect to take the lock of the short bands' fill: %w", err)
	}
	var held bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(?)`, lockShortBandFill).Scan(&held); err != nil {
		discard(conn)
		return false, fmt.Errorf("take the lock of the short bands' fill: %w", err)
	}
	if !held {
		conn.Close() // it holds no lock
		slog.Info("short near-duplicate bands: another node of the catalog is computing them for the texts read before them; this one leaves it to it")
		return false, nil
	}
	s.fill.conn = conn
	return true, nil
}

// ReleaseShortBandFill lets the lock of the fill of short bands
// (ShortBandsToFill) go, if this store holds it, so that another node of
// the catalog may go on with the fill from its mark: a fill that stops
// short (an error, the object store down, a cancelled context) calls it
// on its way out. Idempotent; a no-op on SQLite.
func (s *Store) ReleaseShortBandFill() { s.releaseShortBandFill() }

// releaseShortBandFill lets lockShortBandFill go, if this store holds it:
// unlocked first, so that another node asking next finds it free (a
// closed connection's session ends, and lets its locks go, only once the
// server has noticed), then the session closed whatever the unlock did.
func (s *Store) releaseShortBandFill() {
	s.fill.mu.Lock()
	defer s.fill.mu.Unlock()
	if s.fill.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.fill.conn.ExecContext(ctx, `SELECT pg_advisory_unlock(?)`, lockShortBandFill)
		discard(s.fill.conn)
		s.fill.conn = nil
	}
}

// discard closes conn's session, and so lets every session lock it
// holds go, rather than give it back to the pool: an unlock that failed
// would leave the lock held by a pooled connection.
func discard(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
	conn.Close()
}

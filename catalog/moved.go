package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// A one-machine catalog copied into PostgreSQL (evidence catalog migrate)
// stays in its data folder, and a node restarted there without
// EVIDENCE_DATABASE_URL would serve it beside the shared one. The copy
// is therefore recorded in the catalog copied from, and serve refuses a
// catalog that holds the record. Migration 046.

// Moved says where evidence catalog migrate copied this catalog to.
type Moved struct {
	// Destination is the PostgreSQL server and database, as
	// host:port/database (PostgresWhere): never a user or a password.
	Destination string
	Identity    string // the catalog's identity when it was copied
	At          time.Time
}

// MarkMoved records that the catalog was copied to the PostgreSQL
// database destination (PostgresWhere of its URL), replacing any record
// before.
func (s *Store) MarkMoved(ctx context.Context, destination string) error {
	id, err := s.Identity(ctx)
	if err != nil {
		return err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM catalog_moved`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO catalog_moved (destination, identity, moved_at) VALUES (?, ?, ?)`,
			destination, id.ID, formatTime(s.now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("mark the catalog as moved to %s: %w", destination, s.dialect.translate(err))
	}
	return nil
}

// MovedTo returns where the catalog was copied to; an error of code
// ENOTFOUND when it never was, or was taken back (UnmarkMoved).
func (s *Store) MovedTo(ctx context.Context) (Moved, error) {
	var m Moved
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT destination, identity, moved_at FROM catalog_moved`).
		Scan(&m.Destination, &m.Identity, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Moved{}, Errorf(ENOTFOUND, "目录没有迁移到别处")
	}
	if err != nil {
		return Moved{}, fmt.Errorf("read where the catalog was moved: %w", s.dialect.translate(err))
	}
	m.At = parseTime(at)
	return m, nil
}

// UnmarkMoved takes the catalog back from its move: the record MarkMoved
// wrote is deleted, so serve opens the catalog again. It reports whether
// there was one.
func (s *Store) UnmarkMoved(ctx context.Context) (bool, error) {
	res, err := s.execWrite(ctx, `DELETE FROM catalog_moved`)
	if err != nil {
		return false, fmt.Errorf("take the catalog back from its move: %w", s.dialect.translate(err))
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// PostgresWhere names the server and database of a PostgreSQL URL as
// host:port/database, never its user or password; "EVIDENCE_DATABASE_URL"
// when the URL cannot be read.
func PostgresWhere(url string) string {
	if cfg, err := pgconn.ParseConfig(url); err == nil {
		return fmt.Sprintf("%s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
	}
	return "EVIDENCE_DATABASE_URL"
}

// NewestOriginals returns the SHA-256 of the originals of the n newest
// documents that are not deleted and not failed (stored, extracted or
// indexed): whose originals the blob store must hold. A store holding
// none of them is not this catalog's.
func (s *Store) NewestOriginals(ctx context.Context, n int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sha256 FROM document WHERE deleted_at IS NULL AND status IN (?, ?, ?)
		ORDER BY seq DESC LIMIT ?`, string(StatusStored), string(StatusExtracted), string(StatusIndexed), n)
	if err != nil {
		return nil, fmt.Errorf("newest originals: %w", s.dialect.translate(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, fmt.Errorf("newest originals: %w", s.dialect.translate(err))
		}
		out = append(out, sha)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("newest originals: %w", s.dialect.translate(err))
	}
	return out, nil
}

package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// Change is one document as its latest change left it, for an index that
// follows the catalog: Deleted means it must leave the index.
type Change struct {
	Document *Document
	Deleted  bool
}

// ChangesSince returns up to limit documents changed after seq (their own
// edits, status changes, links and deletion all renumber them), in seq
// order, deleted ones included. Seqs become visible in order (seq.go), so a
// follower that asks again after the last seq it got misses nothing.
func (s *Store) ChangesSince(ctx context.Context, seq int64, limit int) ([]Change, error) {
	if limit <= 0 {
		limit = 500
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+documentColumns+`, deleted_at FROM document
		WHERE seq > ? ORDER BY seq LIMIT ?`, seq, limit)
	if err != nil {
		return nil, fmt.Errorf("query changes since %d: %w", seq, err)
	}
	return scanChanges(rows)
}

// scanChanges reads rows of documentColumns and deleted_at as changes.
func scanChanges(rows *sql.Rows) ([]Change, error) {
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var deleted sql.NullString
		d, err := scanDocument(scanWithExtra{rows, &deleted})
		if err != nil {
			return nil, fmt.Errorf("scan change: %w", err)
		}
		out = append(out, Change{Document: d, Deleted: deleted.Valid})
	}
	return out, rows.Err()
}

// LatestSeq is the highest change number handed out (0 for none).
func (s *Store) LatestSeq(ctx context.Context) (int64, error) {
	var seq int64
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM document`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("latest seq: %w", err)
	}
	return seq, nil
}

// Shared reports whether several nodes may share this catalog
// (PostgreSQL), so work must be leased and every node's index must follow
// the catalog's changes.
func (s *Store) Shared() bool { return s.dialect.name == postgresDialect.name }

// scanWithExtra scans a document row followed by extra columns.
type scanWithExtra struct {
	r     rowScanner
	extra *sql.NullString
}

func (x scanWithExtra) Scan(dest ...any) error { return x.r.Scan(append(dest, x.extra)...) }

// reindexPendingSQL holds the live documents extracted after they were
// first indexed: a change saved and their index write not done yet (in
// flight, or queued for the pipeline after the write failed). A new
// document read and not yet indexed is left out: no index holds a copy of
// it to correct, and under uploads there are always some, which would
// have every search read them (migration 054 keeps these few in an index
// of their own, which the ingest never writes). The status is a literal
// so that the planner proves the partial index serves the query.
const reindexPendingSQL = `status = 'extracted' AND indexed_at <> '' AND deleted_at IS NULL`

// PendingIndexChanges returns up to limit documents whose copy in an
// index may not be the catalog's yet, the latest changed first (those a
// user has just made, and looks for): every live document
// whose status is extracted after it was first indexed (reindexPendingSQL)
// and, when after is 0
// or more, every document changed after seq after, deleted ones included
// (those an index that follows the catalog, having applied the changes up
// to after, has not applied). A search corrects its facets by them
// (search.Service's pending changes).
func (s *Store) PendingIndexChanges(ctx context.Context, after int64, limit int) ([]Change, error) {
	where, args := reindexPendingSQL, []any{}
	if after >= 0 {
		where, args = where+` OR seq > ?`, append(args, after)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+documentColumns+`, deleted_at FROM document
		WHERE `+where+` ORDER BY seq DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("query the changes an index may lack: %w", s.dialect.translate(err))
	}
	out, err := scanChanges(rows)
	if err != nil {
		return nil, fmt.Errorf("read the changes an index may lack: %w", s.dialect.translate(err))
	}
	return out, nil
}

// MarkInIndex gives each document of ids that is extracted and has no
// first indexed time one (now), renumbering it: an index holds a copy
// of it (Reconcile found it there), written before a stop lost its move
// to indexed, so that the copy is corrected for as an edited document's
// is (reindexPendingSQL) until the pipeline writes it again. Without the time such a document was not pending, and a search
// found it by its copy's values (review s55). It returns those it marked.
func (s *Store) MarkInIndex(ctx context.Context, ids []string) ([]string, error) {
	var marked []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		marked = marked[:0]
		at := formatTime(s.now())
		for _, id := range ids {
			seq, err := s.nextSeq(ctx, tx)
			if err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `UPDATE document SET indexed_at = ?, seq = ?
				WHERE id = ? AND indexed_at = '' AND deleted_at IS NULL AND status = 'extracted'`, at, seq, id)
			if err != nil {
				return fmt.Errorf("mark document %s as held by the index: %w", id, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				s.unhandSeq(tx) // indexed, gone, or marked already
				continue
			}
			marked = append(marked, id)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("mark the documents the index holds: %w", s.dialect.translate(err))
	}
	return marked, nil
}

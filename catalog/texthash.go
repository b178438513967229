package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// TextHash is what the catalog remembers of a document's stored text blob
// as it was written: its SHA-256 and size. A blob that no longer matches
// was damaged or replaced after the fact.
type TextHash struct {
	SHA256 string
	Size   int64
}

// RecordTextHash remembers the hash of the text blob of the original with
// SHA-256 sha, replacing any earlier one (a repair writes the text anew).
func (s *Store) RecordTextHash(ctx context.Context, sha string, h TextHash) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return recordTextHash(ctx, tx, sha, h) })
}

func recordTextHash(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, sha string, h TextHash) error {
	_, err := db.ExecContext(ctx, `INSERT INTO text_hash (sha256, text_sha256, size) VALUES (?, ?, ?)
		ON CONFLICT (sha256) DO UPDATE SET text_sha256 = excluded.text_sha256, size = excluded.size`, sha, h.SHA256, h.Size)
	if err != nil {
		return fmt.Errorf("record text hash of %s: %w", sha, sqliteError(err))
	}
	return nil
}

// textHashRowsPerInsert bounds the rows of one recordTextHashes INSERT
// (3 arguments each).
const textHashRowsPerInsert = 64

// recordTextHashes is recordTextHash for each of texts, in order (of two
// for one original, the later wins), in an INSERT for up to
// textHashRowsPerInsert originals.
func recordTextHashes(ctx context.Context, tx *sql.Tx, texts []TextRecord) error {
	last := make(map[string]int, len(texts))
	for i, t := range texts {
		last[t.Original] = i
	}
	var rows [][]any
	for i, t := range texts {
		if last[t.Original] == i { // one row an original: PostgreSQL refuses an upsert touching a row twice
			rows = append(rows, []any{t.Original, t.Hash.SHA256, t.Hash.Size})
		}
	}
	for len(rows) > 0 {
		n := min(len(rows), textHashRowsPerInsert)
		args := make([]any, 0, 3*n)
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO text_hash (sha256, text_sha256, size) VALUES (?, ?, ?)`+
			strings.Repeat(`, (?, ?, ?)`, n-1)+`
		ON CONFLICT (sha256) DO UPDATE SET text_sha256 = excluded.text_sha256, size = excluded.size`, args...)
		if err != nil {
			return fmt.Errorf("record text hashes of %d originals: %w", n, sqliteError(err))
		}
		rows = rows[n:]
	}
	return nil
}

// ForgetTextHash drops the recorded hash of the text of the original with
// SHA-256 sha, for a text about to be read again (repair): the new text's
// hash is then recorded as it is saved, even when the process stops
// before the document's extraction is recorded.
func (s *Store) ForgetTextHash(ctx context.Context, sha string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM text_hash WHERE sha256 = ?`, sha); err != nil {
			return fmt.Errorf("forget text hash of %s: %w", sha, err)
		}
		return nil
	})
}

// TextHashOf returns the recorded hash of the text of the original with
// SHA-256 sha; ENOTFOUND when none was recorded (text stored before
// hashes were kept, or never extracted).
func (s *Store) TextHashOf(ctx context.Context, sha string) (TextHash, error) {
	var h TextHash
	err := s.db.QueryRowContext(ctx, `SELECT text_sha256, size FROM text_hash WHERE sha256 = ?`, sha).Scan(&h.SHA256, &h.Size)
	if errors.Is(err, sql.ErrNoRows) {
		return h, Errorf(ENOTFOUND, "没有记录 %s 的文字哈希", sha)
	}
	if err != nil {
		return h, fmt.Errorf("text hash of %s: %w", sha, err)
	}
	return h, nil
}

// TextHashesOf returns the recorded hashes of the texts of the originals
// with SHA-256s shas, by original; an original with none recorded is not
// in it. One statement for up to maxInList originals: the pipeline asks
// it for a batch's candidates, to tell which shingle sets it kept are
// still those of the texts stored (a text rewritten by repair, a re-read
// or another node has another hash).
func (s *Store) TextHashesOf(ctx context.Context, shas []string) (map[string]TextHash, error) {
	out := make(map[string]TextHash, len(shas))
	err := forInLists(shas, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT sha256, text_sha256, size FROM text_hash WHERE sha256 IN `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sha string
			var h TextHash
			if err := rows.Scan(&sha, &h.SHA256, &h.Size); err != nil {
				return err
			}
			out[sha] = h
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("text hashes of %d originals: %w", len(shas), err)
	}
	return out, nil
}

// FoundCitationsOf is FoundCitations for the one original sha: how many
// found citations its text holds, asked again just before a new reading
// replaces it.
func (s *Store) FoundCitationsOf(ctx context.Context, sha string) (int, error) {
	var n int
	for _, table := range []string{"citation", "value"} {
		var m int
		err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE quote_found <> 0 AND sha256 = ?`, sha).Scan(&m)
		if err != nil {
			return 0, fmt.Errorf("count found citations of %s in %s: %w", sha, table, err)
		}
		n += m
	}
	return n, nil
}

// FoundCitations counts, per original (SHA-256), the citations of claims
// and values whose quoted passage was found in its text: the passages a new
// reading of that text could move or lose. A citation keeps the bytes it
// cites whatever becomes of its document, so a deleted document's count
// too.
func (s *Store) FoundCitations(ctx context.Context) (map[string]int, error) {
	counts := map[string]int{}
	for _, table := range []string{"citation", "value"} {
		rows, err := s.db.QueryContext(ctx, `SELECT sha256, COUNT(*) FROM `+table+` WHERE quote_found <> 0 GROUP BY sha256`)
		if err != nil {
			return nil, fmt.Errorf("count found citations in %s: %w", table, err)
		}
		for rows.Next() {
			var sha string
			var n int
			if err := rows.Scan(&sha, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("count found citations in %s: %w", table, err)
			}
			counts[sha] += n
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("count found citations in %s: %w", table, err)
		}
	}
	return counts, nil
}

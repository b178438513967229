package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// The originals a pack's check hashed whole, by the stored object's
// version (migration 031): what a pack need not read again, in this
// process or after a restart.

// WholeOriginals returns, for each of shas whose stored original was
// recorded hashed whole (RecordOriginalVerdicts), the blob version it had
// then; the others are left out. One query per list of hashes.
func (s *Store) WholeOriginals(ctx context.Context, shas []string) (map[string]string, error) {
	out := map[string]string{}
	err := forInLists(shas, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT sha256, version FROM original_whole WHERE sha256 IN `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sha, version string
			if err := rows.Scan(&sha, &version); err != nil {
				return err
			}
			out[sha] = version
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read the originals hashed whole: %w", sqliteError(err))
	}
	return out, nil
}

// wholeRowsPerInsert bounds the rows of one RecordOriginalVerdicts
// INSERT (3 arguments each).
const wholeRowsPerInsert = 64

// RecordOriginalVerdicts records, in one transaction, what hashing
// stored originals found: whole maps the SHA-256 of each original hashed
// whole to the version of the stored object it read (an empty version
// records nothing: the store could not name it), replacing what was
// recorded of it before; damaged are those found damaged or missing,
// whose record is dropped. An original in both is taken as damaged.
func (s *Store) RecordOriginalVerdicts(ctx context.Context, whole map[string]string, damaged []string) error {
	bad := map[string]bool{}
	for _, sha := range damaged {
		bad[sha] = true
	}
	var shas []string // in order: two packs writing at once lock rows alike
	for sha, version := range whole {
		if version != "" && !bad[sha] {
			shas = append(shas, sha)
		}
	}
	slices.Sort(shas)
	if len(shas) == 0 && len(damaged) == 0 {
		return nil
	}
	at := formatTime(s.now())
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for rest := shas; len(rest) > 0; {
			n := min(len(rest), wholeRowsPerInsert)
			args := make([]any, 0, 3*n)
			for _, sha := range rest[:n] {
				args = append(args, sha, whole[sha], at)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO original_whole (sha256, version, checked_at) VALUES (?, ?, ?)`+
				strings.Repeat(`, (?, ?, ?)`, n-1)+`
				ON CONFLICT (sha256) DO UPDATE SET version = excluded.version, checked_at = excluded.checked_at`, args...)
			if err != nil {
				return err
			}
			rest = rest[n:]
		}
		return forInLists(damaged, func(in string, args []any) error {
			_, err := tx.ExecContext(ctx, `DELETE FROM original_whole WHERE sha256 IN `+in, args...)
			return err
		})
	})
	if err != nil {
		return fmt.Errorf("record the originals hashed: %w", sqliteError(err))
	}
	return nil
}

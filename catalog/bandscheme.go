package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// HasLegacyBands reports whether any document, live or deleted, still has
// bands of band scheme 1: while one has, a new text is looked up with its
// scheme 1 bands too (Extraction.Legacy), so that the change of scheme
// misses none of its near duplicates. One probe of the (band, hash)
// index.
func (s *Store) HasLegacyBands(ctx context.Context) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM near_duplicate_band WHERE band < ? LIMIT 1`, legacyBands).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("look for bands of band scheme 1: %w", err)
	}
	return true, nil
}

// DocumentsWithLegacyBands calls fn for each document, live or deleted
// (a deleted one may be restored with its bands), whose bands are band
// scheme 1's, in change order: ReplaceLegacyBands takes their bands
// computed again from their stored texts.
func (s *Store) DocumentsWithLegacyBands(ctx context.Context, fn func(*Document)) error {
	q := `SELECT ` + documentColumns + ` FROM document WHERE id IN
		(SELECT document_id FROM near_duplicate_band WHERE band < ?) ORDER BY seq`
	if err := s.queryDocuments(ctx, q, []any{legacyBands}, fn); err != nil {
		return fmt.Errorf("documents with bands of band scheme 1: %w", err)
	}
	return nil
}

// NewBands is a document's bands of the current band scheme, computed
// again from its stored text, for ReplaceLegacyBands.
type NewBands struct {
	ID    string
	Bands []int64 // none: the text is not compared with any
}

// ReplaceLegacyBands replaces, in one transaction, the scheme 1 bands of
// each document of bands with its bands of the current scheme, and
// returns how many it replaced. A document whose bands are no longer
// scheme 1's (read again by the pipeline meanwhile, which wrote the
// current scheme's) is left as it is. Links are not looked for again:
// those made under scheme 1 stay, and from now on new texts find the
// document by its new bands. Idempotent.
func (s *Store) ReplaceLegacyBands(ctx context.Context, bands []NewBands) (int, error) {
	replaced := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		replaced = 0
		for _, b := range bands {
			res, err := tx.ExecContext(ctx, `DELETE FROM near_duplicate_band WHERE document_id = ? AND band < ?`, b.ID, legacyBands)
			if err != nil {
				return fmt.Errorf("clear bands of band scheme 1 of %s: %w", b.ID, err)
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				if err != nil {
					return fmt.Errorf("clear bands of band scheme 1 of %s: %w", b.ID, err)
				}
				continue
			}
			if err := insertBands(ctx, tx, b.ID, b.Bands, nil); err != nil {
				return err
			}
			replaced++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return replaced, nil
}

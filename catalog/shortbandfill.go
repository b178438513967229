package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ShortBandsToFill returns the next documents, at most limit, in the
// order of their IDs, of the fill of short bands (migration 049,
// short_band_fill): those, live or deleted (a deleted one may be
// restored), after the fill's mark and up to its end, that have bands of
// the current scheme and no short band, whose stored texts are to be read
// again to see whether they are short (AddShortBands). pending is false
// when there is no fill to do (done, or the catalog had nothing to fill),
// or, on PostgreSQL, when another node of the catalog is doing it: the
// first call takes a lock the store holds until the fill is done, it is
// released (ReleaseShortBandFill) or the store closes (holdShortBandFill),
// so that the nodes of a catalog do not each read every stored text. A
// read: it holds no row lock.
func (s *Store) ShortBandsToFill(ctx context.Context, limit int) (docs []*Document, pending bool, err error) {
	if held, err := s.holdShortBandFill(ctx); err != nil || !held {
		return nil, false, err
	}
	var done, upto string
	err = s.db.QueryRowContext(ctx, `SELECT done, upto FROM short_band_fill WHERE id = 1`).Scan(&done, &upto)
	if errors.Is(err, sql.ErrNoRows) {
		s.releaseShortBandFill()
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read the mark of the short bands filled: %w", err)
	}
	normal, short := strconv.Itoa(bandSchemeBase), strconv.Itoa(shortBandBase)
	q := `SELECT ` + documentColumns + ` FROM document WHERE id > ? AND id <= ?
		AND EXISTS (SELECT 1 FROM near_duplicate_band b WHERE b.document_id = document.id AND b.band >= ` + normal + ` AND b.band < ` + short + `)
		AND NOT EXISTS (SELECT 1 FROM near_duplicate_band b WHERE b.document_id = document.id AND b.band >= ` + short + `)
		ORDER BY id LIMIT ?`
	if err := s.queryDocuments(ctx, q, []any{done, upto, limit}, func(d *Document) { docs = append(docs, d) }); err != nil {
		return nil, false, fmt.Errorf("documents without short bands after %q: %w", done, err)
	}
	return docs, true, nil
}

// ShortBandFillLeft reports whether the fill of short bands (migration
// 049) is still to do, wholly or in part: its mark is there. A node that
// left the fill to another, or whose fill stopped short, asks again while
// it is (ingest's startShortBands). A read: it takes no lock.
func (s *Store) ShortBandFillLeft(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM short_band_fill WHERE id = 1`).Scan(&n); err != nil {
		return false, fmt.Errorf("read the mark of the short bands filled: %w", err)
	}
	return n > 0, nil
}

// AddShortBands gives, in one transaction, each document of bands the
// short bands of its bands (all its current scheme's, normal then short,
// computed again from its stored text as the pipeline computes them), and
// moves the fill's mark to last, the last document looked at (short or
// not); last "" ends the fill (its mark is deleted). A document whose
// normal bands are no longer those given (read again meanwhile, its
// bands written anew by the pipeline) or that has short bands already is
// left as it is, and so is one given no short bands. Links are not looked
// for again: from now on new short texts find the document by its short
// bands. Idempotent; it returns how many documents it gave short bands.
func (s *Store) AddShortBands(ctx context.Context, bands []NewBands, last string) (int, error) {
	added := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		added = 0
		err := tx.QueryRowContext(ctx, `SELECT id FROM short_band_fill WHERE id = 1`+s.dialect.lockRow).Scan(new(int))
		if errors.Is(err, sql.ErrNoRows) {
			return nil // done by another node meanwhile
		}
		if err != nil {
			return fmt.Errorf("read the mark of the short bands filled: %w", err)
		}
		// Each document's row is locked before its bands are read, in
		// the order of their IDs, as RecordExtractions locks it before
		// it clears them: a text read again meanwhile is either written
		// before (its bands then differ and are left) or waits for this
		// transaction (and clears the short bands added here).
		bands = slices.SortedFunc(slices.Values(bands), func(a, b NewBands) int { return strings.Compare(a.ID, b.ID) })
		for _, b := range bands {
			if len(b.Bands) <= normalBands {
				continue
			}
			err := tx.QueryRowContext(ctx, `SELECT id FROM document WHERE id = ?`+s.dialect.lockRow, b.ID).Scan(new(string))
			if errors.Is(err, sql.ErrNoRows) {
				continue // purged meanwhile
			}
			if err != nil {
				return fmt.Errorf("lock document %s: %w", b.ID, err)
			}
			ok, err := addShortBands(ctx, tx, b, s.shortBandsRead)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		switch {
		case last == "":
			_, err = tx.ExecContext(ctx, `DELETE FROM short_band_fill WHERE id = 1`)
		default: // compared by the database, in the order of ShortBandsToFill
			_, err = tx.ExecContext(ctx, `UPDATE short_band_fill SET done = ? WHERE id = 1 AND done < ?`, last, last)
		}
		if err != nil {
			return fmt.Errorf("move the mark of the short bands filled to %q: %w", last, err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if last == "" {
		s.releaseShortBandFill()
	}
	return added, nil
}

// normalBands is how many normal bands of the current scheme a text has
// (neardup.Bands).
const normalBands = shortBandBase - bandSchemeBase

// addShortBands inserts, inside tx, the short bands of b when the
// document's stored bands are b's normal ones and no short one, and
// reports whether it did. The caller holds the document's row; read, not
// nil, runs between the read of the stored bands and the insert.
func addShortBands(ctx context.Context, tx *sql.Tx, b NewBands, read func()) (bool, error) {
	if len(b.Bands) <= normalBands {
		return false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT band, hash FROM near_duplicate_band WHERE document_id = ? AND band >= ? ORDER BY band`,
		b.ID, bandSchemeBase)
	if err != nil {
		return false, fmt.Errorf("read the bands of %s: %w", b.ID, err)
	}
	var stored []int64
	same := true
	for rows.Next() {
		var band int
		var hash int64
		if err := rows.Scan(&band, &hash); err != nil {
			rows.Close()
			return false, fmt.Errorf("read the bands of %s: %w", b.ID, err)
		}
		same = same && band == bandSchemeBase+len(stored)
		stored = append(stored, hash)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("read the bands of %s: %w", b.ID, err)
	}
	if !same || !slices.Equal(stored, b.Bands[:normalBands]) {
		return false, nil
	}
	if read != nil {
		read()
	}
	args := make([]any, 0, 3*(len(b.Bands)-normalBands))
	q := `INSERT INTO near_duplicate_band (document_id, band, hash) VALUES `
	for i := normalBands; i < len(b.Bands); i++ {
		if i > normalBands {
			q += `, `
		}
		q += `(?, ?, ?)`
		args = append(args, b.ID, bandSchemeBase+i, b.Bands[i])
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return false, fmt.Errorf("insert the short bands of %s: %w", b.ID, err)
	}
	return true, nil
}

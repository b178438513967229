package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// DocumentsWithFieldsBefore calls fn for each live extracted or indexed
// document whose fields an older field reader read from its text
// (fields_revision below revision), in change order: `evidence repair
// --outdated` reads them again (RereadFields).
func (s *Store) DocumentsWithFieldsBefore(ctx context.Context, revision int, fn func(*Document)) error {
	q := `SELECT ` + documentColumns + ` FROM document WHERE deleted_at IS NULL AND status IN (?, ?)
		AND fields_revision < ? ORDER BY seq`
	return s.queryDocuments(ctx, q, []any{string(StatusExtracted), string(StatusIndexed), revision}, fn)
}

// RereadFields applies the fields read anew from a stored document's text
// by a newer field reader (f, with its Revision), as fillFields does: the
// fields filled from the text before take the new reading, empty ones are
// filled, and what an uploader typed or a person edited stays; an
// inferred round is inferred again only from a new date. It returns
// the fields whose value changed; a document with any goes back from
// indexed to extracted with a new change number, so that its index entry
// is written anew (here and on every node following the catalog), and the
// audit log records what the reading changed, and from what; a document
// with none whose extracted_fields changed (the marks of its 文号) takes a
// new change number alone, and stays indexed; one whose reading changed
// nothing a Document holds keeps its change number. A document
// deleted, or read by f's revision or a newer one, meanwhile is left as
// it is: nothing changed.
func (s *Store) RereadFields(ctx context.Context, id string, f FieldFill) ([]string, error) {
	var changed []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM document WHERE id = ? AND deleted_at IS NULL AND fields_revision < ?`+
			s.dialect.lockRow, id, f.Revision).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("find document %s to read its fields again: %w", id, err)
		}
		c, err := s.fillFields(ctx, tx, id, f)
		if err != nil {
			return err
		}
		if len(c.names) == 0 && !c.marks {
			// Nothing a Document holds changed (fields_revision alone,
			// most documents after a reader's revision): no new change
			// number, or every node following the catalog would load
			// and index every text again.
			return nil
		}
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return fmt.Errorf("next seq: %w", err)
		}
		if len(c.names) == 0 {
			// No field's value changed, but extracted_fields did (its
			// marks, which a page shows: the 文号 read as a guess): a
			// new change number all the same, since a row kept by its
			// seq (search's hit documents) must see every change; the
			// index entry stays as it is.
			_, err = tx.ExecContext(ctx, `UPDATE document SET seq = ? WHERE id = ?`, seq, id)
			if err != nil {
				return fmt.Errorf("mark the fields of %s read again: %w", id, err)
			}
			return nil
		}
		changed = c.names
		_, err = tx.ExecContext(ctx, `UPDATE document SET seq = ?,
			status = CASE WHEN status = 'indexed' THEN 'extracted' ELSE status END WHERE id = ?`, seq, id)
		if err != nil {
			return fmt.Errorf("mark the fields of %s changed: %w", id, err)
		}
		return s.recordFieldsEvent(ctx, tx, id, f.Revision, c)
	})
	if err != nil {
		return nil, err
	}
	return changed, nil
}

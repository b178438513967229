package catalog

import (
	"context"
	"database/sql"
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
// audit log records what the reading changed.
func (s *Store) RereadFields(ctx context.Context, id string, f FieldFill) ([]string, error) {
	var changed []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if changed, err = s.fillFields(ctx, tx, id, f, true); err != nil || len(changed) == 0 {
			return err
		}
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return fmt.Errorf("next seq: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE document SET seq = ?,
			status = CASE WHEN status = 'indexed' THEN 'extracted' ELSE status END WHERE id = ?`, seq, id)
		if err != nil {
			return fmt.Errorf("mark the fields of %s changed: %w", id, err)
		}
		detail := map[string]any{"revision": f.Revision}
		d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM document WHERE id = ?`, id))
		if err != nil {
			return fmt.Errorf("read document %s: %w", id, err)
		}
		for _, name := range changed {
			detail[name] = d.field(name)
		}
		return s.recordEvent(ctx, tx, Event{User: "system", Action: "document.fields", Object: id, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return changed, nil
}

// field is the value of one of the fields read from the text.
func (d *Document) field(name string) string {
	switch name {
	case FieldTitle:
		return d.Title
	case FieldDocNumber:
		return d.DocNumber
	case FieldIssuer:
		return d.Issuer
	case FieldIssuedOn:
		return d.IssuedOn
	case FieldRound:
		return d.Round
	}
	return ""
}

package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// TextReader is the reader (ingest/extract's extractor name) that gave a
// document's stored text and the version of its rules then.
type TextReader struct {
	Name    string
	Version int
}

// ReadText is one live extracted or indexed document's text as the
// catalog knows it: its bytes' hash and the reader that gave its text,
// Reader nil when unknown (extracted before the catalog recorded it).
type ReadText struct {
	ID     string
	SHA256 string
	Reader *TextReader
}

// ReadTexts calls fn for each live extracted or indexed document with the
// reader of its stored text, in change order: cheap, the texts are not
// loaded.
func (s *Store) ReadTexts(ctx context.Context, fn func(ReadText)) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, sha256, reader, reader_version FROM document
		WHERE deleted_at IS NULL AND status IN (?, ?) ORDER BY seq`, string(StatusExtracted), string(StatusIndexed))
	if err != nil {
		return fmt.Errorf("list the readers of texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t ReadText
		var name string
		var version sql.NullInt64
		if err := rows.Scan(&t.ID, &t.SHA256, &name, &version); err != nil {
			return fmt.Errorf("scan the reader of a text: %w", err)
		}
		if version.Valid {
			t.Reader = &TextReader{Name: name, Version: int(version.Int64)}
		}
		fn(t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list the readers of texts: %w", err)
	}
	return nil
}

// RecordTextReader records r as the reader of the stored text of the
// documents with these bytes, found by loading it: a text extracted
// before the catalog recorded its reader. It changes no sequence number:
// the reader is not in the index. Idempotent.
func (s *Store) RecordTextReader(ctx context.Context, sha string, r TextReader) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE document SET reader = ?, reader_version = ? WHERE sha256 = ?`,
			r.Name, r.Version, sha)
		if err != nil {
			return fmt.Errorf("record the reader of text %s: %w", sha, err)
		}
		return nil
	})
}

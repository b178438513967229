package catalog

import (
	"context"
	"fmt"
)

// UncheckedLinkTexts lists, in order, up to limit SHA-256s greater than
// after of the originals of live documents that were read (extracted or
// indexed) and have a link quote not looked for yet (QuoteMark.Checked
// false: a link made before migration 032, or whose look failed): what
// evidence quotes check looks for, a page of texts at a time. A document
// not read yet has its links' quotes looked for by its reading.
func (s *Store) UncheckedLinkTexts(ctx context.Context, after string, limit int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT d.sha256 FROM document d
		WHERE d.deleted_at IS NULL AND d.status IN (?, ?) AND d.sha256 > ? AND (
			EXISTS (SELECT 1 FROM link l WHERE l.document_id = d.id AND l.quote <> '' AND l.quote_found IS NULL)
			OR EXISTS (SELECT 1 FROM link_quote q JOIN link l ON l.id = q.link_id WHERE l.document_id = d.id AND q.quote_found IS NULL))
		ORDER BY d.sha256 LIMIT ?`, StatusExtracted, StatusIndexed, after, limit)
	if err != nil {
		return nil, fmt.Errorf("list the texts with link quotes not looked for: %w", err)
	}
	defer rows.Close()
	var shas []string
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, fmt.Errorf("list the texts with link quotes not looked for: %w", err)
		}
		shas = append(shas, sha)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list the texts with link quotes not looked for: %w", err)
	}
	return shas, nil
}

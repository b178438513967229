package catalog

import (
	"cmp"
	"context"
	"fmt"
	"strings"
)

// CalledDocument is a document as people call it: by its 文号, title or
// file name, deleted ones too.
type CalledDocument struct {
	ID        string
	DocNumber string
	DocumentName
}

// DocumentsCalled returns the documents, deleted ones too (their rows
// stay), whose 文号, title or file name is text or whose title holds it,
// those named exactly first, then newest upload first, at most limit. The
// audit log is asked for a document by what people call it: its ID is
// on no page they read. It reads the whole document table, which is why
// it is for an admin's one question, not a listing.
func (s *Store) DocumentsCalled(ctx context.Context, text string, limit int) ([]CalledDocument, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(text) + "%"
	rows, err := s.db.QueryContext(ctx, `SELECT id, doc_number, title, filename, city, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END
		FROM document WHERE doc_number = ? OR title = ? OR filename = ? OR title LIKE ? ESCAPE '\'
		ORDER BY CASE WHEN doc_number = ? OR title = ? OR filename = ? THEN 0 ELSE 1 END, uploaded_at DESC, id LIMIT ?`,
		text, text, text, like, text, text, text, limit)
	if err != nil {
		return nil, fmt.Errorf("documents called %q: %w", text, err)
	}
	defer rows.Close()
	var out []CalledDocument
	for rows.Next() {
		var d CalledDocument
		var title, filename string
		var deleted int
		if err := rows.Scan(&d.ID, &d.DocNumber, &title, &filename, &d.City, &deleted); err != nil {
			return nil, fmt.Errorf("documents called %q: %w", text, err)
		}
		d.Title, d.Deleted = cmp.Or(title, filename), deleted != 0
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("documents called %q: %w", text, err)
	}
	return out, nil
}

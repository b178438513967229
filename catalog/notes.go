package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// Note is an expert's (or a reviewer's, or an admin's) remark on a
// document, or on a passage of it when Page is not 0.
type Note struct {
	ID         string
	DocumentID string
	City       string // the document's city, for the scope; not stored with the note
	Title      string // the document's title, for listings by author
	Page       int    // 1-based; 0 for the whole document
	Quote      string // the passage noted, on Page
	Body       string
	Author     string
	CreatedAt  time.Time
}

// NoteFilter selects notes; DocumentID or Author narrows them, Cities
// (when not nil) keeps notes on documents of those cities.
type NoteFilter struct {
	DocumentID string
	Author     string
	Cities     []string
	Limit      int // default 100, at most 500
}

// CreateNote stores a note and its audit event in one transaction; it
// sets n.ID and n.CreatedAt.
func (s *Store) CreateNote(ctx context.Context, n *Note) error {
	n.ID, n.CreatedAt = ulid.Make().String(), s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO note (id, document_id, page, quote, body, author, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, n.ID, n.DocumentID, n.Page, n.Quote, n.Body, n.Author, formatTime(n.CreatedAt))
		if err != nil {
			return fmt.Errorf("insert note on %s: %w", n.DocumentID, err)
		}
		return s.recordEvent(ctx, tx, Event{User: n.Author, Action: "note.create", Object: n.DocumentID,
			Detail: map[string]any{"note": n.ID, "page": n.Page, "quote": n.Quote, "body": n.Body}})
	})
}

// FindNotes returns the notes on live documents that f selects, oldest
// first.
func (s *Store) FindNotes(ctx context.Context, f NoteFilter) ([]Note, error) {
	where := []string{"d.deleted_at IS NULL"}
	var args []any
	if f.DocumentID != "" {
		where, args = append(where, "n.document_id = ?"), append(args, f.DocumentID)
	}
	if f.Author != "" {
		where, args = append(where, "n.author = ?"), append(args, f.Author)
	}
	where, args = filterCities(where, args, "d.city", "", f.Cities)
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.document_id, d.city, d.title, n.page, n.quote, n.body, n.author, n.created_at
		FROM note n JOIN document d ON d.id = n.document_id WHERE `+strings.Join(where, " AND ")+
		` ORDER BY n.created_at, n.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("query notes: %w", err)
	}
	defer rows.Close()
	out := []Note{}
	for rows.Next() {
		var n Note
		var at string
		if err := rows.Scan(&n.ID, &n.DocumentID, &n.City, &n.Title, &n.Page, &n.Quote, &n.Body, &n.Author, &at); err != nil {
			return nil, fmt.Errorf("scan note: %w", err)
		}
		n.CreatedAt = parseTime(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

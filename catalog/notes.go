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
	Limit      int // at most this many; 0: all
	Offset     int // skip this many first
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
	where, args := noteWhere(f)
	page := ""
	if f.Limit > 0 {
		page, args = ` LIMIT ? OFFSET ?`, append(args, f.Limit, max(f.Offset, 0))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.document_id, d.city, d.title, n.page, n.quote, n.body, n.author, n.created_at
		FROM note n JOIN document d ON d.id = n.document_id WHERE `+where+` ORDER BY n.created_at, n.id`+page, args...)
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

// CountNotes counts the notes FindNotes finds for f, its Limit and Offset
// aside.
func (s *Store) CountNotes(ctx context.Context, f NoteFilter) (int, error) {
	where, args := noteWhere(f)
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM note n JOIN document d ON d.id = n.document_id WHERE `+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count notes: %w", err)
	}
	return n, nil
}

// noteWhere is the condition, on note n and its document d, of the notes
// f selects.
func noteWhere(f NoteFilter) (string, []any) {
	where := []string{"d.deleted_at IS NULL"}
	var args []any
	if f.DocumentID != "" {
		where, args = append(where, "n.document_id = ?"), append(args, f.DocumentID)
	}
	if f.Author != "" {
		where, args = append(where, "n.author = ?"), append(args, f.Author)
	}
	where, args = filterCities(where, args, "d.city", "", f.Cities)
	return strings.Join(where, " AND "), args
}

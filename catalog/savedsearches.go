package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// SavedSearch is a search kept under a name: its query and filters. With
// an Indicator code it is one of that indicator's query pack (检索方案),
// which every signed-in user sees; without one only its Owner does.
type SavedSearch struct {
	ID        string
	Owner     string
	Name      string
	Query     string
	Filters   SearchFilters
	Indicator string // the query pack it belongs to; "" for a private search
	CreatedAt time.Time
	// SeenAt is when the user who asked last opened it; zero when never
	// (then its creation counts as the last look).
	SeenAt time.Time
}

// SearchFilters are a saved search's filters, as the search page and the
// API take them; within a field any value matches.
type SearchFilters struct {
	Cities     []string `json:"cities,omitempty"`
	DocTypes   []string `json:"doc_types,omitempty"`
	Indicators []string `json:"indicators,omitempty"`
	Years      []int    `json:"years,omitempty"`
	// Rounds are monitoring rounds (the document's own round, as the
	// API's round= reads it): a search saved before they were kept has
	// none and reads as it always did.
	Rounds []int `json:"rounds,omitempty"`
	// IssuedFrom and IssuedTo bound the date of issue (YYYY-MM-DD; empty
	// is open); Sort is the order of hits (search.ParseSort).
	IssuedFrom string `json:"issued_from,omitempty"`
	IssuedTo   string `json:"issued_to,omitempty"`
	Sort       string `json:"sort,omitempty"`
	// Match is how the words match (search.ParseMatch): "substring" for
	// every word wherever the text holds it, "" for words (a search saved
	// before it was kept reads "").
	Match string `json:"match,omitempty"`
	// IncludeReturned keeps in the files the coordinator returned, which
	// a search leaves out unless asked (search.Request.IncludeReturned).
	IncludeReturned bool `json:"include_returned,omitempty"`
}

// LastLook is when the user last looked at s: SeenAt, or its creation.
func (s SavedSearch) LastLook() time.Time {
	if s.SeenAt.IsZero() {
		return s.CreatedAt
	}
	return s.SeenAt
}

// SavedSearchFilter selects saved searches for Viewer (whose SeenAt they
// carry): the Viewer's own when Own, the query pack of Indicator when set.
type SavedSearchFilter struct {
	Viewer    string
	Own       bool
	Indicator string
}

const savedSearchColumns = `s.id, s.owner, s.name, s.query, s.filters, s.indicator, s.created_at, COALESCE(v.seen_at, '')`

// CreateSavedSearch stores s with an audit event; it sets s.ID and
// s.CreatedAt.
func (s *Store) CreateSavedSearch(ctx context.Context, ss *SavedSearch) error {
	ss.ID, ss.CreatedAt = ulid.Make().String(), s.now().UTC().Truncate(time.Microsecond) // as stored
	filters, err := json.Marshal(ss.Filters)
	if err != nil {
		return fmt.Errorf("encode filters: %w", err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO saved_search (id, owner, name, query, filters, indicator, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, ss.ID, ss.Owner, ss.Name, ss.Query, string(filters), ss.Indicator, formatTime(ss.CreatedAt))
		if err != nil {
			return fmt.Errorf("insert saved search %q: %w", ss.Name, err)
		}
		return s.recordEvent(ctx, tx, Event{User: ss.Owner, Action: "search.save", Object: "search:" + ss.ID,
			Detail: map[string]any{"name": ss.Name, "query": ss.Query, "indicator": ss.Indicator}})
	})
}

// SavedSearch returns one saved search with viewer's last look; an
// unknown id is ENOTFOUND. Whether viewer may see it is the caller's rule.
func (s *Store) SavedSearch(ctx context.Context, id, viewer string) (*SavedSearch, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+savedSearchColumns+` FROM saved_search s
		LEFT JOIN saved_search_seen v ON v.search_id = s.id AND v.username = ? WHERE s.id = ?`, viewer, id)
	ss, err := scanSavedSearch(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "保存的检索 %s 不存在", id)
	}
	if err != nil {
		return nil, fmt.Errorf("query saved search %s: %w", id, err)
	}
	return ss, nil
}

// FindSavedSearches returns the saved searches f selects, oldest first.
func (s *Store) FindSavedSearches(ctx context.Context, f SavedSearchFilter) ([]*SavedSearch, error) {
	where, args := []string{}, []any{f.Viewer}
	if f.Own {
		where, args = append(where, "s.owner = ?"), append(args, f.Viewer)
	}
	if f.Indicator != "" {
		where, args = append(where, "s.indicator = ?"), append(args, f.Indicator)
	}
	if len(where) == 0 {
		where = append(where, "1 = 1")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+savedSearchColumns+` FROM saved_search s
		LEFT JOIN saved_search_seen v ON v.search_id = s.id AND v.username = ?
		WHERE `+strings.Join(where, " AND ")+` ORDER BY s.created_at, s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("query saved searches: %w", err)
	}
	defer rows.Close()
	out := []*SavedSearch{}
	for rows.Next() {
		ss, err := scanSavedSearch(rows)
		if err != nil {
			return nil, fmt.Errorf("scan saved search: %w", err)
		}
		out = append(out, ss)
	}
	return out, rows.Err()
}

func scanSavedSearch(r rowScanner) (*SavedSearch, error) {
	var ss SavedSearch
	var filters, created, seen string
	if err := r.Scan(&ss.ID, &ss.Owner, &ss.Name, &ss.Query, &filters, &ss.Indicator, &created, &seen); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(filters), &ss.Filters); err != nil {
		return nil, fmt.Errorf("decode filters of saved search %s: %w", ss.ID, err)
	}
	ss.CreatedAt = parseTime(created)
	if seen != "" {
		ss.SeenAt = parseTime(seen)
	}
	return &ss, nil
}

// MarkSavedSearchSeen records that username looked at the saved search
// now, and returns that time. Idempotent apart from the time.
func (s *Store) MarkSavedSearchSeen(ctx context.Context, id, username string) (time.Time, error) {
	at := s.now().UTC().Truncate(time.Microsecond) // as stored
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE saved_search_seen SET seen_at = ? WHERE search_id = ? AND username = ?`,
			formatTime(at), id, username)
		if err != nil {
			return fmt.Errorf("mark saved search %s seen: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO saved_search_seen (search_id, username, seen_at) VALUES (?, ?, ?)`,
			id, username, formatTime(at)); err != nil {
			return fmt.Errorf("mark saved search %s seen: %w", id, err)
		}
		return nil
	})
	return at, err
}

// DeleteSavedSearch removes a saved search and everyone's last looks at
// it, with an audit event by user; an unknown id is ENOTFOUND.
func (s *Store) DeleteSavedSearch(ctx context.Context, id, user string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM saved_search_seen WHERE search_id = ?`, id); err != nil {
			return fmt.Errorf("delete looks at saved search %s: %w", id, err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM saved_search WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete saved search %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(ENOTFOUND, "保存的检索 %s 不存在", id)
		}
		return s.recordEvent(ctx, tx, Event{User: user, Action: "search.delete", Object: "search:" + id})
	})
}

// indexedSinceSQL is DocumentsIndexedSince's query, its arguments the
// time and the number of rows.
const indexedSinceSQL = `SELECT id FROM document WHERE deleted_at IS NULL AND indexed_at <> '' AND indexed_at > ?
	ORDER BY indexed_at, id LIMIT ?`

// DocumentsIndexedSince returns the IDs of live documents that first
// became searchable after t, at most limit of them (the earliest), and
// whether there were more. The condition that indexed_at is not empty
// says what t's bound already does, for SQLite and PostgreSQL to read the partial index of indexed
// documents (document_first_indexed, migration 050).
func (s *Store) DocumentsIndexedSince(ctx context.Context, t time.Time, limit int) ([]string, bool, error) {
	rows, err := s.db.QueryContext(ctx, indexedSinceSQL, formatTime(t), limit+1)
	if err != nil {
		return nil, false, fmt.Errorf("query documents indexed since %s: %w", t, err)
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		ids = append(ids, id)
	}
	if len(ids) > limit {
		return ids[:limit], true, rows.Err()
	}
	return ids, false, rows.Err()
}

package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Before migration 030 a link's passages after its first were kept in its
// quote column: each as oldPassageSep, its page, oldUnitSep and its quote.
const (
	oldPassageSep = "\n\x1f"
	oldUnitSep    = "\x1f"
)

// splitOldLinkQuote reads a quote column as it was kept before migration
// 030: its first quote and the passages added after it.
func splitOldLinkQuote(stored string) (first string, more []LinkPassage) {
	parts := strings.Split(stored, oldPassageSep)
	for _, p := range parts[1:] {
		page, quote, _ := strings.Cut(p, oldUnitSep)
		n, _ := strconv.Atoi(page)
		more = append(more, LinkPassage{Page: n, Quote: quote})
	}
	return parts[0], more
}

// oldQuotedLink is a link whose quote column holds passages added after
// its first (splitOldLinkQuote).
type oldQuotedLink struct {
	id, document, quote, by, at string
}

// moveLinkQuotes030 is migration 030's Go step: the passages kept after
// the first in a link's quote column become rows of link_quote, after any
// it has, and the column keeps the first quote alone. Who added each and
// when come from the link.quote event that added it, or, when none is
// found, the link's maker and time. Running it again finds nothing to
// move.
func moveLinkQuotes030(ctx context.Context, tx *sql.Tx) error {
	links, err := oldQuotedLinks(ctx, tx)
	if err != nil {
		return err
	}
	for _, l := range links {
		first, more := splitOldLinkQuote(l.quote)
		if err := stampOldPassages(ctx, tx, l, more); err != nil {
			return err
		}
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM link_quote WHERE link_id = ?`, l.id).Scan(&last); err != nil {
			return fmt.Errorf("quotes of link %s: %w", l.id, err)
		}
		for i, p := range more {
			if _, err := tx.ExecContext(ctx, `INSERT INTO link_quote (link_id, position, page, quote, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`, l.id, last+i+1, p.Page, p.Quote, p.CreatedBy, formatTime(p.CreatedAt)); err != nil {
				return fmt.Errorf("move quote %d of link %s: %w", i+2, l.id, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE link SET quote = ? WHERE id = ?`, first, l.id); err != nil {
			return fmt.Errorf("keep the first quote of link %s: %w", l.id, err)
		}
	}
	return nil
}

// oldQuotedLinks are the links whose quote column holds oldPassageSep.
func oldQuotedLinks(ctx context.Context, tx *sql.Tx) ([]oldQuotedLink, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, document_id, quote, created_by, created_at FROM link WHERE quote LIKE ? ORDER BY id`,
		"%"+oldPassageSep+"%")
	if err != nil {
		return nil, fmt.Errorf("find links of several quotes: %w", err)
	}
	defer rows.Close()
	var out []oldQuotedLink
	for rows.Next() {
		var l oldQuotedLink
		if err := rows.Scan(&l.id, &l.document, &l.quote, &l.by, &l.at); err != nil {
			return nil, fmt.Errorf("read a link of several quotes: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// stampOldPassages gives each of more, passages added to l, who added it
// and when: the first link.quote event of l's document, not used for
// another, naming l, the passage's quote and page; l's maker and time
// when none does.
func stampOldPassages(ctx context.Context, tx *sql.Tx, l oldQuotedLink, more []LinkPassage) error {
	type added struct {
		by, at string
		page   int
		quote  string
		used   bool
	}
	rows, err := tx.QueryContext(ctx, `SELECT username, at, detail FROM event WHERE object = ? AND action = 'link.quote' ORDER BY id`, l.document)
	if err != nil {
		return fmt.Errorf("quotes added to link %s: %w", l.id, err)
	}
	var events []*added
	for rows.Next() {
		var by, at, detail string
		if err := rows.Scan(&by, &at, &detail); err != nil {
			rows.Close()
			return fmt.Errorf("read a quote added to link %s: %w", l.id, err)
		}
		var d struct {
			Link  string  `json:"link"`
			Page  float64 `json:"page"`
			Quote string  `json:"quote"`
		}
		if json.Unmarshal([]byte(detail), &d) == nil && d.Link == l.id {
			events = append(events, &added{by: by, at: at, page: int(d.Page), quote: d.Quote})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("quotes added to link %s: %w", l.id, err)
	}
	for i := range more {
		p := &more[i]
		p.CreatedBy, p.CreatedAt = l.by, parseTime(l.at)
		for _, e := range events {
			if !e.used && e.quote == p.Quote && e.page == p.Page {
				e.used, p.CreatedBy, p.CreatedAt = true, e.by, parseTime(e.at)
				break
			}
		}
	}
	return nil
}

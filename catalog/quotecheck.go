package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CitedQuote is a quote a claim's citation or a value cites in a text,
// with where it was found when it was last looked for.
type CitedQuote struct {
	// Kind is "claim" (a citation of a claim), "value", or "link" (a
	// link's quote: its own, Position 0, or one added after it).
	Kind string
	// ID is the citation's ID for a claim's, the value's for a value, the
	// link's for a link's.
	ID string
	// Position is, for a link's quote, 0 for the link's own and the
	// link_quote row's position for one added after it.
	Position int
	// Unchecked says a link's quote was never looked for (QuoteMark's
	// Checked false): recording it records a mark, changed or not.
	Unchecked bool
	// Owner is the claim's ID for a claim's citation, the value's for a
	// value: the object of its audit event.
	Owner      string
	DocumentID string
	Citation
	// ValueFound and PassageUnit are a value's marks of its number in the
	// passage (Value's); false and "" for a claim's citation.
	ValueFound  bool
	PassageUnit string
	// Withdrawn says a claim's citation belongs to a claim withdrawn
	// (ClaimWithdrawn): nothing counts on it, so no page lists its quote
	// to be checked again; false for a value.
	Withdrawn bool
}

// QuotesIn lists the quotes that cite the text sha, found or not: the
// claims' citations (Kind "claim"), the values (Kind "value") and the
// quotes of the links of the documents whose text it is (Kind "link"), in one
// query (the OCR-reader migration's indexes citation_text and value_text,
// …_ocr_reader.sql): what a text read anew has looked for again.
func (s *Store) QuotesIn(ctx context.Context, sha string) ([]CitedQuote, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT 'claim', id, claim_id, document_id, page, quote, quote_found, found_on_page, quote_read, 0, '', recheck_error, COALESCE(recheck_error_en, ''),
		CASE WHEN EXISTS (SELECT 1 FROM claim WHERE claim.id = citation.claim_id AND claim.status = 'withdrawn') THEN 1 ELSE 0 END, 0, 0
		FROM citation WHERE sha256 = ?
		UNION ALL SELECT 'value', id, id, document_id, page, quote, quote_found, found_on_page, quote_read, value_found, passage_unit, recheck_error, COALESCE(recheck_error_en, ''), 0, 0, 0
		FROM value WHERE sha256 = ?
		UNION ALL `+linkQuotesWhere(`d.sha256 = ?`)+`
		ORDER BY 1, 2, 15`, sha, sha, sha, sha)
	if err != nil {
		return nil, fmt.Errorf("list the quotes cited in text %s: %w", sha, err)
	}
	return scanCitedQuotes(rows, sha)
}

// LinkQuotes lists the quotes of link id, as QuotesIn lists them (Kind
// "link"), while its document is live and its original's SHA-256 is sha:
// what adding a quote to a link looks for in that text, and nothing else
// cited there. None when the link is gone or its document has another
// text now (its reading looks for them).
func (s *Store) LinkQuotes(ctx context.Context, sha, id string) ([]CitedQuote, error) {
	rows, err := s.db.QueryContext(ctx, linkQuotesWhere(`d.sha256 = ? AND l.id = ?`)+` ORDER BY 1, 2, 15`, sha, id, sha, id)
	if err != nil {
		return nil, fmt.Errorf("list the quotes of link %s: %w", id, err)
	}
	return scanCitedQuotes(rows, sha)
}

// linkQuotesWhere selects, as QuotesIn scans them, the quotes of the
// links of the live documents that where picks (of the link l and its
// document d; its arguments are given twice): each link's own, then those
// added after it.
func linkQuotesWhere(where string) string {
	return `SELECT 'link', l.id, l.id, l.document_id, l.page, l.quote, COALESCE(l.quote_found, 0), l.found_on_page, l.quote_read, 0, '', '', '', 0, 0,
		CASE WHEN l.quote_found IS NULL THEN 1 ELSE 0 END
		FROM link l JOIN document d ON d.id = l.document_id WHERE ` + where + ` AND d.deleted_at IS NULL AND l.quote <> ''
		UNION ALL SELECT 'link', l.id, l.id, l.document_id, q.page, q.quote, COALESCE(q.quote_found, 0), q.found_on_page, q.quote_read, 0, '', '', '', 0, q.position,
		CASE WHEN q.quote_found IS NULL THEN 1 ELSE 0 END
		FROM link_quote q JOIN link l ON l.id = q.link_id JOIN document d ON d.id = l.document_id WHERE ` + where + ` AND d.deleted_at IS NULL`
}

// scanCitedQuotes reads the quotes QuotesIn selects in rows, cited in the
// text sha, and closes rows.
func scanCitedQuotes(rows *sql.Rows, sha string) ([]CitedQuote, error) {
	defer rows.Close()
	var out []CitedQuote
	for rows.Next() {
		q := CitedQuote{Citation: Citation{SHA256: sha}}
		var withdrawn, unchecked int
		if err := rows.Scan(&q.Kind, &q.ID, &q.Owner, &q.DocumentID, &q.Page, &q.Quote, &q.QuoteFound, &q.FoundOnPage, &q.QuoteRead, &q.ValueFound, &q.PassageUnit, &q.RecheckError, &q.RecheckErrorEN, &withdrawn,
			&q.Position, &unchecked); err != nil {
			return nil, fmt.Errorf("scan a quote cited in text %s: %w", sha, err)
		}
		q.Citation.ID, q.Citation.DocumentID = q.ID, q.DocumentID
		q.Withdrawn, q.Unchecked = withdrawn != 0, unchecked != 0
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list the quotes cited in text %s: %w", sha, err)
	}
	return out, nil
}

// QuoteFoundAgain is where a quote (QuotesIn's) was found when its text
// was read anew.
type QuoteFoundAgain struct {
	Quote       CitedQuote // as QuotesIn gave it
	Found       bool
	FoundOnPage int
	// Read is what OCR read where the quote matched only approximately
	// (Citation.QuoteRead), "" for an exact match.
	Read string
	// Value, for a value whose number was looked for again in the passage
	// found, is its marks now (ValueFound, PassageUnit); nil leaves them.
	Value *ValueMarks
}

// ValueMarks are whether a value's number is written in its passage and
// in which other unit when not (Value's ValueFound, PassageUnit).
type ValueMarks struct {
	Found       bool
	PassageUnit string
}

// changed says whether f changes the marks QuotesIn gave.
func (f QuoteFoundAgain) changed() bool {
	q := f.Quote
	if q.Unchecked || f.Found != q.QuoteFound || f.FoundOnPage != q.FoundOnPage || f.Read != q.QuoteRead {
		return true
	}
	return f.Value != nil && (f.Value.Found != q.ValueFound || f.Value.PassageUnit != q.PassageUnit)
}

// RecordQuotesFoundAgain records, in one transaction, where the quotes of
// a text read anew are found now, each whose mark changed with an audit
// event (claim.quote or value.quote, by system) saying what it was; a
// value's number marks too when Value is set. A
// quote its claim's or value's editor changed since QuotesIn (another
// page, another quote, another text) is left as it is: its save looked
// for it. A claim or value whose marks change is stamped updated now, so
// that a client paging by updated_at (ClaimFilter.After) gets it again;
// so is one whose quote's last look had failed (RecheckError), which is
// cleared. A link's quote (Kind "link") gets its mark (QuoteMark) with no
// event and no stamp: the link's quote is not changed, only where it is
// read, as the pages show it, and only while its document is live and
// still has the text q.SHA256 (its row locked first, as every writer of
// a link locks it). It returns how many marks changed.
func (s *Store) RecordQuotesFoundAgain(ctx context.Context, found []QuoteFoundAgain) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		changed = 0
		// First, as claimStamp asks: the stamps follow the commits.
		now, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		stamp := formatTime(now)
		// The links' documents before the links, as every writer of a
		// link takes them (lockLinkDocument); each with the text it has
		// now.
		texts, err := s.lockLinkDocuments(ctx, tx, linkDocuments(found))
		if err != nil {
			return err
		}
		for _, f := range found {
			q := f.Quote
			// A quote whose last look failed is looked for now: it says
			// so no more, changed or not.
			if !f.changed() && q.RecheckError == "" {
				continue
			}
			if q.Kind == "link" {
				if texts[q.DocumentID] != q.SHA256 {
					// Its document was deleted, or given another
					// original, since QuotesIn: the mark is the old
					// text's, and the new text's reading looks for it.
					continue
				}
				n, err := recordLinkQuoteFound(ctx, tx, f)
				if err != nil {
					return err
				}
				changed += n
				continue
			}
			// QuotesIn was read before this transaction: a look made
			// meanwhile may have recorded these very marks. A row they
			// would not change is left, and its claim or value keeps
			// its version, so no reviewer's page goes stale for nothing.
			if same, err := quoteMarksStored(ctx, tx, f); err != nil || same {
				if err != nil {
					return err
				}
				continue
			}
			query := `UPDATE citation SET quote_found = ?, found_on_page = ?, quote_read = ?, recheck_error = '', recheck_error_en = NULL`
			args := []any{f.Found, f.FoundOnPage, f.Read}
			if q.Kind == "value" {
				query = `UPDATE value SET quote_found = ?, found_on_page = ?, quote_read = ?, recheck_error = '', recheck_error_en = NULL, updated_at = ?`
				args = append(args, stamp)
				if f.Value != nil {
					query += `, value_found = ?, passage_unit = ?`
					args = append(args, f.Value.Found, f.Value.PassageUnit)
				}
			}
			res, err := tx.ExecContext(ctx, query+` WHERE id = ? AND sha256 = ? AND page = ? AND quote = ?`,
				append(args, q.ID, q.SHA256, q.Page, q.Quote)...)
			if err != nil {
				return fmt.Errorf("record where the quote of %s %s is found: %w", q.Kind, q.Owner, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			if q.Kind == "claim" {
				if _, err := tx.ExecContext(ctx, `UPDATE claim SET updated_at = ? WHERE id = ?`, stamp, q.Owner); err != nil {
					return fmt.Errorf("stamp claim %s: %w", q.Owner, err)
				}
			}
			if !f.changed() {
				continue
			}
			changed++
			detail := map[string]any{"document_id": q.DocumentID, "page": q.Page, "quote": q.Quote,
				"quote_found": f.Found, "found_on_page": f.FoundOnPage, "quote_read": f.Read,
				"from": map[string]any{"quote_found": q.QuoteFound, "found_on_page": q.FoundOnPage, "quote_read": q.QuoteRead}}
			if q.Kind == "claim" {
				detail["citation"] = q.ID
			}
			if f.Value != nil {
				detail["value_found"], detail["passage_unit"] = f.Value.Found, f.Value.PassageUnit
				from := detail["from"].(map[string]any)
				from["value_found"], from["passage_unit"] = q.ValueFound, q.PassageUnit
			}
			if err := s.recordEvent(ctx, tx, Event{At: now, User: "system", Action: q.Kind + ".quote", Object: q.Kind + ":" + q.Owner,
				Detail: detail}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return changed, nil
}

// linkDocuments are the documents of the links' quotes among found.
func linkDocuments(found []QuoteFoundAgain) []string {
	var ids []string
	for _, f := range found {
		if f.Quote.Kind == "link" {
			ids = append(ids, f.Quote.DocumentID)
		}
	}
	return ids
}

// recordLinkQuoteFound records where a link's quote (QuotesIn's Kind
// "link") is found, inside tx, unless its page or quote changed since
// QuotesIn: then its writer looks for it. It returns 1 when it recorded.
func recordLinkQuoteFound(ctx context.Context, tx *sql.Tx, f QuoteFoundAgain) (int, error) {
	q := f.Quote
	query := `UPDATE link SET quote_found = ?, found_on_page = ?, quote_read = ? WHERE id = ? AND page = ? AND quote = ?`
	args := []any{f.Found, f.FoundOnPage, f.Read, q.ID, q.Page, q.Quote}
	if q.Position > 0 {
		query = `UPDATE link_quote SET quote_found = ?, found_on_page = ?, quote_read = ? WHERE link_id = ? AND position = ? AND page = ? AND quote = ?`
		args = []any{f.Found, f.FoundOnPage, f.Read, q.ID, q.Position, q.Page, q.Quote}
	}
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("record where quote %d of link %s is found: %w", q.Position, q.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("record where quote %d of link %s is found: %w", q.Position, q.ID, err)
	}
	return int(n), nil
}

// addLinkQuoteFoundColumns is the Go step of migration 032 on SQLite: it
// adds quote_found (NULL: not looked for yet) and found_on_page to link
// and link_quote where they are missing, so the migration may run again
// under another number.
func addLinkQuoteFoundColumns(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"link", "link_quote"} {
		if err := addColumnIfMissing(ctx, tx, table, "quote_found", `INTEGER`); err != nil {
			return err
		}
		if err := addColumnIfMissing(ctx, tx, table, "found_on_page", `INTEGER NOT NULL DEFAULT 0`); err != nil {
			return err
		}
	}
	return nil
}

// quoteMarksStored reports whether the claim's citation or value f looks
// for (f.Quote, still citing the same text, page and quote) holds, as
// tx reads it now, the marks f records and no failed look's reason: its
// update would change nothing a reader sees. One changed since to another
// text, page or quote is not (the update finds no row and leaves it).
func quoteMarksStored(ctx context.Context, tx *sql.Tx, f QuoteFoundAgain) (bool, error) {
	q := f.Quote
	table := "citation"
	if q.Kind == "value" {
		table = "value"
	}
	var found, valueFound bool
	var page int
	var read, reason, unit string
	cols := `quote_found, found_on_page, quote_read, recheck_error, 0, ''`
	if table == "value" {
		cols = `quote_found, found_on_page, quote_read, recheck_error, value_found, passage_unit`
	}
	err := tx.QueryRowContext(ctx, `SELECT `+cols+` FROM `+table+` WHERE id = ? AND sha256 = ? AND page = ? AND quote = ?`,
		q.ID, q.SHA256, q.Page, q.Quote).Scan(&found, &page, &read, &reason, &valueFound, &unit)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read the quote marks of %s %s: %w", q.Kind, q.Owner, err)
	}
	if found != f.Found || page != f.FoundOnPage || read != f.Read || reason != "" {
		return false, nil
	}
	return f.Value == nil || (valueFound == f.Value.Found && unit == f.Value.PassageUnit), nil
}

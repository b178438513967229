package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// LinkPassage is a passage of a document that a link cites for its
// indicator: the page (0 when none was given) and the quote, with who
// gave it and when.
type LinkPassage struct {
	Page      int
	Quote     string
	CreatedBy string
	CreatedAt time.Time
	// QuoteMark is where Quote was found in the document's text.
	QuoteMark
}

// QuoteMark is where a link's quote was found in its document's text
// when it was last looked for: on its write, and again whenever the text
// is read anew (RecordQuotesFoundAgain). A quote not looked for yet (a
// link made before migration 032, or before its text was read) is not
// Checked; a reader must not show it as the document's words then either.
type QuoteMark struct {
	Checked     bool
	QuoteFound  bool
	FoundOnPage int // the page the quote was found on, 0 for nowhere
	// Read is what OCR read where the quote matched only approximately
	// (Citation.QuoteRead), "" for an exact match or none.
	Read string
}

// Unfound says the quote was looked for and is not on its page: not in
// the text at all (FoundOnPage 0) or on another page (FoundOnPage).
func (m QuoteMark) Unfound() bool { return m.Checked && !m.QuoteFound }

// LinkQuoted is what linking a document to an indicator it is linked to
// already, with a quote, did (AddLinkQuote).
type LinkQuoted int

const (
	// LinkMade: the link was made anew.
	LinkMade LinkQuoted = iota
	// LinkQuoteSame: the link cites that passage already; nothing changed.
	LinkQuoteSame
	// LinkQuoteSet: the link had no quote; it has this one, at its page.
	LinkQuoteSet
	// LinkQuoteAdded: the link had other quotes; this one, with its
	// page, was added after them.
	LinkQuoteAdded
)

// Passages are the passages l cites, in the order they were given: its
// own Page and Quote first (stamped with the link's maker and time; a
// quote given later to a link made without one has its giver in the
// audit log's link.quote), then those added by linking the document to the indicator again
// with another quote (AddLinkQuote, kept in the link_quote table); none
// when it has no quote. Every reader of a link's quotes reads them here.
func (l Link) Passages() []LinkPassage {
	if l.Quote == "" {
		return nil
	}
	first := LinkPassage{Page: l.Page, Quote: l.Quote, CreatedBy: l.CreatedBy, CreatedAt: l.CreatedAt,
		QuoteMark: QuoteMark{Checked: l.QuoteChecked, QuoteFound: l.QuoteFound, FoundOnPage: l.FoundOnPage, Read: l.QuoteRead}}
	return append([]LinkPassage{first}, l.added...)
}

// A link's first passage stays in the link's own page and quote columns,
// where every link made with a quote (on upload, by hand, from a ledger,
// in bulk) writes it and the evidence query (evidenceUnion) reads it; the
// passages added after it are rows of link_quote, numbered from 1 in the
// order they were added. Deleting the link deletes them (ON DELETE
// CASCADE); a link counted in another round is the same row, so its
// passages go with it.

// maxLinkPassages bounds the passages of one link, so that the pages and
// the report listing them stay readable.
const maxLinkPassages = 20

// linkQuoteColumns are the columns of link_quote a link's passages are
// read from (readAddedPassages).
const linkQuoteColumns = `link_id, page, quote, created_by, created_at, quote_found, found_on_page, quote_read`

// readAddedPassages gives each of links the passages added to it, from
// link_quote, in position order, in one query per maxInList links.
func readAddedPassages(ctx context.Context, q querier, links []Link) error {
	if len(links) == 0 {
		return nil
	}
	at := make(map[string]int, len(links))
	ids := make([]string, len(links))
	for i, l := range links {
		at[l.ID], ids[i] = i, l.ID
	}
	return forInLists(ids, func(in string, args []any) error {
		rows, err := q.QueryContext(ctx, `SELECT `+linkQuoteColumns+` FROM link_quote WHERE link_id IN `+in+
			` ORDER BY link_id, position`, args...)
		if err != nil {
			return fmt.Errorf("query quotes of links: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, when string
			var p LinkPassage
			var found sql.NullBool
			if err := rows.Scan(&id, &p.Page, &p.Quote, &p.CreatedBy, &when, &found, &p.FoundOnPage, &p.Read); err != nil {
				return fmt.Errorf("read quote of a link: %w", err)
			}
			p.Checked, p.QuoteFound = found.Valid, found.Bool
			p.CreatedAt = parseTime(when)
			if i, ok := at[id]; ok {
				links[i].added = append(links[i].added, p)
			}
		}
		return rows.Err()
	})
}

// AddLinkQuote gives the link of l's document to l's indicator the
// passage l.Page, l.Quote, in one transaction, audited (link.quote): set
// as its quote (and page, when l gives one) when it has none, added after
// its quotes when it has others, nothing when it cites that quote already
// at that page (or l gives no page). l becomes the link and l.Quoted says
// which. ENOTFOUND when the document has no such link; EINVALID when the
// link holds maxLinkPassages passages already.
func (s *Store) AddLinkQuote(ctx context.Context, l *Link) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// checkLink locks the document's row, then the link's is locked:
		// the order every writer of a link takes them (lockLinkDocument).
		if err := s.checkLink(ctx, tx, l, nil); err != nil {
			return err
		}
		if s.quoteDocumentLocked != nil {
			s.quoteDocumentLocked()
		}
		// Locked first: two quotes added at once are both kept.
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM link WHERE document_id = ? AND indicator_code = ?`+s.dialect.lockRow,
			l.DocumentID, l.IndicatorCode).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "文档 %q 尚未关联指标 %s", l.DocumentID, l.IndicatorCode)
		}
		if err != nil {
			return fmt.Errorf("read link of %s to %s: %w", l.DocumentID, l.IndicatorCode, err)
		}
		had, err := queryLinks(ctx, tx, `WHERE l.id = ?`, id)
		if err != nil {
			return err
		}
		if len(had) == 0 {
			return fmt.Errorf("link %s: locked, then not read", id)
		}
		if l.Note != "" && l.Note != had[0].Note {
			return FieldErrorf("note", EINVALID, "该文档已关联指标 %s，备注沿用原来的，不能另填；请去掉备注后再提交", l.IndicatorCode)
		}
		by := l.CreatedBy
		quoted, err := s.addLinkPassage(ctx, tx, &had[0], LinkPassage{Page: l.Page, Quote: l.Quote}, by)
		if err != nil {
			return err
		}
		*l = had[0]
		l.Quoted = quoted
		return nil
	})
}

// addLinkPassage is AddLinkQuote's change to the link l, inside tx: l
// becomes the link as it is now stored. A link without a quote takes p as
// its own page and quote; a link with one gets p as a row of link_quote
// after those it has. The link's row is locked and read again first, so
// two passages added at once both land, one after the other.
func (s *Store) addLinkPassage(ctx context.Context, tx *sql.Tx, l *Link, p LinkPassage, by string) (LinkQuoted, error) {
	if err := tx.QueryRowContext(ctx, `SELECT id FROM link WHERE id = ?`+s.dialect.lockRow, l.ID).Scan(new(string)); err != nil {
		return 0, fmt.Errorf("lock link %s: %w", l.ID, err)
	}
	now, err := queryLinks(ctx, tx, `WHERE l.id = ?`, l.ID)
	if err != nil {
		return 0, err
	}
	if len(now) == 0 {
		return 0, fmt.Errorf("link %s: locked, then not read", l.ID)
	}
	*l = now[0]
	quoted := LinkQuoteAdded
	// As stored: the link answered equals the link read back.
	p.CreatedBy, p.CreatedAt = by, parseTime(formatTime(s.now()))
	switch {
	case l.Quote == "":
		quoted = LinkQuoteSet
		l.Quote = p.Quote
		if p.Page > 0 {
			l.Page = p.Page
		}
		// Not looked for yet: the writer looks for it (ingest.AddLink).
		l.QuoteChecked, l.QuoteFound, l.FoundOnPage, l.QuoteRead = false, false, 0, ""
		if _, err := tx.ExecContext(ctx, `UPDATE link SET page = ?, quote = ?, quote_found = NULL, found_on_page = 0, quote_read = '' WHERE id = ?`, l.Page, l.Quote, l.ID); err != nil {
			return 0, fmt.Errorf("give link %s its quote: %w", l.ID, err)
		}
	case citesAlready(*l, p):
		return LinkQuoteSame, nil
	case len(l.Passages()) >= maxLinkPassages:
		return 0, FieldErrorf("quote", EINVALID, "这条关联已有 %d 段引文，不能再添加；请删去不需要的关联后重新关联，或把引文写进定性描述", maxLinkPassages)
	default:
		// The link's row is locked: no other transaction takes this
		// position meanwhile.
		if _, err := tx.ExecContext(ctx, `INSERT INTO link_quote (link_id, position, page, quote, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, l.ID, len(l.added)+1, p.Page, p.Quote, p.CreatedBy, formatTime(p.CreatedAt)); err != nil {
			return 0, fmt.Errorf("add a quote to link %s: %w", l.ID, err)
		}
		l.added = append(l.added, p)
	}
	if err := s.bumpSeq(ctx, tx, l.DocumentID); err != nil {
		return 0, err
	}
	return quoted, s.recordEvent(ctx, tx, Event{User: by, Action: "link.quote", Object: l.DocumentID,
		Detail: map[string]any{"link": l.ID, "indicator": l.IndicatorCode, "page": p.Page, "quote": p.Quote, "position": len(l.Passages())}})
}

// citesAlready says whether l cites p's quote, at p's page when p gives
// one.
func citesAlready(l Link, p LinkPassage) bool {
	for _, q := range l.Passages() {
		if q.Quote == p.Quote && (p.Page == 0 || q.Page == p.Page) {
			return true
		}
	}
	return false
}

// LinkQuotedDocuments says which of the documents ids have a link with a
// quote: what their first reading looks for in their text (ingest), in
// one indexed query per maxInList documents, so that a batch of readings
// asks once.
func (s *Store) LinkQuotedDocuments(ctx context.Context, ids []string) (map[string]bool, error) {
	quoted := map[string]bool{}
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT document_id FROM link WHERE document_id IN `+in+` AND quote <> ''`, args...)
		if err != nil {
			return fmt.Errorf("documents with link quotes: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return fmt.Errorf("documents with link quotes: %w", err)
			}
			quoted[id] = true
		}
		return rows.Err()
	})
	return quoted, err
}

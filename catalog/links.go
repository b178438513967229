package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/oklog/ulid/v2"
)

const linkColumns = `l.id, l.document_id, l.indicator_code, l.page, l.quote, l.note, l.created_by, l.created_at`

// linkMarkColumns are where a link's own quote was found (migration 032).
const linkMarkColumns = `, l.quote_found, l.found_on_page, l.quote_read`

// queryLinks reads the links where selects, each with where its quote
// was found and the passages added to it (readAddedPassages), oldest
// first.
func queryLinks(ctx context.Context, q querier, where string, args ...any) ([]Link, error) {
	links, err := scanLinkRows(ctx, q, true, where, args...)
	if err != nil {
		return nil, err
	}
	return links, readAddedPassages(ctx, q, links)
}

// queryLinkRows is queryLinks without the passages added to the links
// and their quotes' marks: for migration 029's Go step, which runs before
// link_quote and the marks exist and needs the links' IDs alone.
func queryLinkRows(ctx context.Context, q querier, where string, args ...any) ([]Link, error) {
	return scanLinkRows(ctx, q, false, where, args...)
}

// scanLinkRows reads the links where selects, with their quotes' marks
// when marked.
func scanLinkRows(ctx context.Context, q querier, marked bool, where string, args ...any) ([]Link, error) {
	cols := linkColumns
	if marked {
		cols += linkMarkColumns
	}
	rows, err := q.QueryContext(ctx, `SELECT `+cols+` FROM link l `+where+` ORDER BY l.created_at, l.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("query links: %w", err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		var at string
		var found sql.NullBool
		dest := []any{&l.ID, &l.DocumentID, &l.IndicatorCode, &l.Page, &l.Quote, &l.Note, &l.CreatedBy, &at}
		if marked {
			dest = append(dest, &found, &l.FoundOnPage, &l.QuoteRead)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		l.CreatedAt = parseTime(at)
		l.QuoteChecked, l.QuoteFound = found.Valid, found.Bool
		out = append(out, l)
	}
	return out, rows.Err()
}

// CreateLinks links documents to key indicators in one transaction: all or
// nothing. Each document must be live, each code a level-3 indicator of
// the current framework, and no pair linked already (ECONFLICT), unless
// skipExisting is set, when existing pairs are left as they are. Pages are
// checked against the document's page count when it is known.
func (s *Store) CreateLinks(ctx context.Context, links []*Link, skipExisting bool) error {
	_, inds, err := s.CurrentFramework(ctx)
	if err != nil {
		return err
	}
	byCode := make(map[string]Indicator, len(inds))
	for _, ind := range inds {
		byCode[ind.Code] = ind
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, l := range links {
			if err := s.checkLink(ctx, tx, l, byCode); err != nil {
				return err
			}
			var exists int
			err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM link WHERE document_id = ? AND indicator_code = ?`,
				l.DocumentID, l.IndicatorCode).Scan(&exists)
			if err != nil {
				return fmt.Errorf("check link: %w", err)
			}
			if exists > 0 && skipExisting {
				continue
			}
			if exists > 0 {
				var title string
				if err := tx.QueryRowContext(ctx, `SELECT title FROM document WHERE id = ?`, l.DocumentID).Scan(&title); err != nil {
					return fmt.Errorf("read document %s: %w", l.DocumentID, err)
				}
				ind := byCode[l.IndicatorCode]
				return Errorf(ECONFLICT, "《%s》已关联指标 %s %s", title, ind.Code, ind.NameWords())
			}
			if skipExisting {
				// Two uploads of one file at once both found none: the
				// second leaves the first's link as it is, as if it had
				// seen it, instead of failing on the unique index.
				if err := s.insertLinkIfNew(ctx, tx, l); err != nil {
					return err
				}
				continue
			}
			if err := s.insertLink(ctx, tx, l); err != nil {
				return err
			}
		}
		return nil
	})
}

// insertLinkIfNew is insertLink for a pair that another transaction may
// have linked meanwhile: nothing is written then.
func (s *Store) insertLinkIfNew(ctx context.Context, tx *sql.Tx, l *Link) error {
	if l.ID == "" {
		l.ID = ulid.Make().String()
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = s.now()
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO link (id, document_id, indicator_code, page, quote, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, indicator_code) DO NOTHING`,
		l.ID, l.DocumentID, l.IndicatorCode, l.Page, l.Quote, l.Note, l.CreatedBy, formatTime(l.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert link: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return s.linkCreated(ctx, tx, l)
}

// checkLink checks l inside tx: its indicator a key indicator of byCode
// (nil: not checked, for a link found made), its document live, its page
// within the document, its quote and note not too long. U+001F is taken
// out of its quote: the separator links' passages had before link_quote
// (moveLinkQuotes030), which that migration, run again, would split.
func (s *Store) checkLink(ctx context.Context, tx *sql.Tx, l *Link, byCode map[string]Indicator) error {
	if byCode != nil {
		ind, ok := byCode[l.IndicatorCode]
		if !ok {
			if ind, ok = byCode[CodeAsTyped(l.IndicatorCode)]; ok {
				l.IndicatorCode = ind.Code
			}
		}
		if !ok {
			return FieldErrorf("indicator", EINVALID, "指标编码 %q 不在当前指标体系中", l.IndicatorCode)
		}
		if ind.Level != KeyLevel {
			return FieldErrorf("indicator", EINVALID, "只能关联到关键指标（三级指标）；%s %s 是%d级指标", ind.Code, ind.NameWords(), ind.Level)
		}
	}
	l.Quote = strings.ReplaceAll(l.Quote, oldUnitSep, "")
	var pages int
	err := tx.QueryRowContext(ctx, `SELECT pages FROM document WHERE id = ? AND deleted_at IS NULL`+s.dialect.lockRow, l.DocumentID).Scan(&pages)
	if errors.Is(err, sql.ErrNoRows) {
		return Errorf(ENOTFOUND, "文档 %q 不存在", l.DocumentID)
	}
	if err != nil {
		return fmt.Errorf("check document %s: %w", l.DocumentID, err)
	}
	if l.Page < 0 || (pages > 0 && l.Page > pages) {
		return FieldErrorf("page", EINVALID, "页码 %d 超出范围：文档共 %d 页", l.Page, pages)
	}
	if len([]rune(l.Quote)) > 2000 || len([]rune(l.Note)) > 2000 {
		return FieldErrorf("quote", EINVALID, "引文或备注过长（超过 2000 字）")
	}
	// A U+202E in a note turned the words after it around in the report
	// (probe s48 #5); a note may have lines.
	return RefuseHidden("note", Words{Chinese: "备注", English: "note"}, l.Note, true)
}

func (s *Store) insertLink(ctx context.Context, tx *sql.Tx, l *Link) error {
	if l.ID == "" {
		l.ID = ulid.Make().String()
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = s.now()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO link (id, document_id, indicator_code, page, quote, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, l.ID, l.DocumentID, l.IndicatorCode, l.Page, l.Quote, l.Note, l.CreatedBy, formatTime(l.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert link: %w", err)
	}
	return s.linkCreated(ctx, tx, l)
}

// linkCreated marks the document of a new link changed and audits it.
func (s *Store) linkCreated(ctx context.Context, tx *sql.Tx, l *Link) error {
	if err := s.bumpSeq(ctx, tx, l.DocumentID); err != nil {
		return err
	}
	return s.recordEvent(ctx, tx, Event{User: l.CreatedBy, Action: "link.create", Object: l.DocumentID,
		Detail: map[string]any{"link": l.ID, "indicator": l.IndicatorCode, "page": l.Page}})
}

// lockLinkDocument locks, inside tx, the row of the document whose link
// the transaction is about to change or delete (dialect.lockRow; a
// deleted document too). Every writer of a link takes its document's
// row first and the link's after it, as checkLink does when a link is
// made or given a quote (AddLinkQuote): on PostgreSQL a quote added
// while the link is deleted then waits for the deletion, or it for the
// quote, where the other order (the link, then its document, to renumber
// it) deadlocked.
func (s *Store) lockLinkDocument(ctx context.Context, tx *sql.Tx, documentID string) error {
	if err := tx.QueryRowContext(ctx, `SELECT id FROM document WHERE id = ?`+s.dialect.lockRow, documentID).Scan(new(string)); err != nil {
		return fmt.Errorf("lock document %s of a link: %w", documentID, err)
	}
	return nil
}

// lockLinkDocuments is lockLinkDocument for each of ids, sorted, so that
// two transactions locking documents in common take them in one order. It
// returns the SHA-256 of the original each live one has now; a deleted or
// missing document is locked (when there) but not in the map.
func (s *Store) lockLinkDocuments(ctx context.Context, tx *sql.Tx, ids []string) (map[string]string, error) {
	texts := make(map[string]string, len(ids))
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	err := forInLists(ids, func(in string, args []any) error {
		return s.lockDocumentRows(ctx, tx, `WHERE id IN `+in, args, texts)
	})
	return texts, err
}

// lockDocumentRows locks, inside tx, the rows of the documents where
// picks, in the order of their IDs, and puts the SHA-256 of each live
// one's original in texts.
func (s *Store) lockDocumentRows(ctx context.Context, tx *sql.Tx, where string, args []any, texts map[string]string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, sha256, deleted_at IS NULL FROM document `+where+` ORDER BY id`+s.dialect.lockRow, args...)
	if err != nil {
		return fmt.Errorf("lock the documents of links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, sha string
		var live bool
		if err := rows.Scan(&id, &sha, &live); err != nil {
			return fmt.Errorf("lock the documents of links: %w", err)
		}
		if live {
			texts[id] = sha
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("lock the documents of links: %w", err)
	}
	return nil
}

// bumpSeq marks a document changed, so a follower index can catch up, and
// moves an indexed document back to extracted: its index entry must be
// rewritten, and if that does not happen now, start-up does it.
func (s *Store) bumpSeq(ctx context.Context, tx *sql.Tx, documentID string) error {
	seq, err := s.nextSeq(ctx, tx)
	if err != nil {
		return fmt.Errorf("next seq: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE document SET seq = ?,
		status = CASE WHEN status = 'indexed' THEN 'extracted' ELSE status END WHERE id = ?`, seq, documentID); err != nil {
		return fmt.Errorf("bump seq of %s: %w", documentID, err)
	}
	return nil
}

// Link returns the link with id, or ENOTFOUND.
func (s *Store) Link(ctx context.Context, id string) (*Link, error) {
	links, err := queryLinks(ctx, s.db, `WHERE l.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(links) == 0 {
		return nil, Errorf(ENOTFOUND, "关联 %s 不存在", id)
	}
	return &links[0], nil
}

// LinksByID returns the links of ids by ID, in one query however many
// (up to the longest IN list); IDs of no link are left out.
func (s *Store) LinksByID(ctx context.Context, ids []string) (map[string]Link, error) {
	out := make(map[string]Link, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	return out, forInLists(ids, func(in string, args []any) error {
		links, err := queryLinks(ctx, s.db, `WHERE l.id IN `+in, args...)
		for _, l := range links {
			out[l.ID] = l
		}
		return err
	})
}

// DeleteLink removes a link, with its passages, with an audit event.
func (s *Store) DeleteLink(ctx context.Context, id, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var doc string
		err := tx.QueryRowContext(ctx, `SELECT document_id FROM link WHERE id = ?`, id).Scan(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "关联 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("read link %s: %w", id, err)
		}
		if err := s.lockLinkDocument(ctx, tx, doc); err != nil {
			return err
		}
		if s.unlinkDocumentLocked != nil {
			s.unlinkDocumentLocked()
		}
		// Read once the document is held: a passage added meanwhile is
		// in, or the link is gone.
		links, err := queryLinks(ctx, tx, `WHERE l.id = ?`, id)
		if err != nil {
			return err
		}
		if len(links) == 0 {
			return Errorf(ENOTFOUND, "关联 %s 不存在", id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM link WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete link: %w", err)
		}
		if err := s.bumpSeq(ctx, tx, links[0].DocumentID); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "link.delete", Object: links[0].DocumentID,
			Detail: map[string]any{"link": id, "indicator": links[0].IndicatorCode}})
	})
}

// DocumentLinks returns the links of a document, oldest first.
func (s *Store) DocumentLinks(ctx context.Context, documentID string) ([]Link, error) {
	return queryLinks(ctx, s.db, `WHERE l.document_id = ?`, documentID)
}

// LinksOfDocuments returns the links of the documents of ids, oldest
// first, in one query.
func (s *Store) LinksOfDocuments(ctx context.Context, ids []string) ([]Link, error) {
	var out []Link
	err := forInLists(ids, func(in string, args []any) error {
		links, err := queryLinks(ctx, s.db, `WHERE l.document_id IN `+in, args...)
		out = append(out, links...)
		return err
	})
	if len(ids) > maxInList { // oldest first across the runs too
		slices.SortStableFunc(out, func(a, b Link) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
		})
	}
	return out, err
}

// IndicatorLinks returns the links to an indicator of live documents,
// of these cities when any is not empty.
func (s *Store) IndicatorLinks(ctx context.Context, code string, cities ...string) ([]Link, error) {
	where := `JOIN document d ON d.id = l.document_id WHERE d.deleted_at IS NULL AND l.indicator_code = ?`
	args := []any{code}
	if cond, a := cityIn("d.city", cities, false); cond != "" {
		where += ` AND ` + cond
		args = append(args, a...)
	}
	return queryLinks(ctx, s.db, where, args...)
}

// DocumentIndicators returns the linked indicator codes of each document.
func (s *Store) DocumentIndicators(ctx context.Context, ids []string) (map[string][]string, error) {
	out := make(map[string][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	return out, forInLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT document_id, indicator_code FROM link WHERE document_id IN `+in+
			` ORDER BY indicator_code`, args...)
		if err != nil {
			return fmt.Errorf("query document indicators: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, code string
			if err := rows.Scan(&id, &code); err != nil {
				return err
			}
			out[id] = append(out[id], code)
		}
		return rows.Err()
	})
}

// LinkCount is the number of distinct live evidence documents of a city
// for an indicator (EvidenceCounts).
type LinkCount struct {
	City      string
	Indicator string
	Documents int
}

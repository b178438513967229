package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// LinkPassage is a passage of a document that a link cites for its
// indicator: the page (0 when none was given) and the quote.
type LinkPassage struct {
	Page  int
	Quote string
}

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

// Passages are the passages l cites, its Page and Quote first, then More;
// none when it has no quote.
func (l Link) Passages() []LinkPassage {
	if l.Quote == "" {
		return nil
	}
	return append([]LinkPassage{{Page: l.Page, Quote: l.Quote}}, l.More...)
}

// The link table keeps one quote column: passages added after the first
// follow it, each as passageSep, its page, unitSep and its quote. U+001F
// is taken out of every quote a link is given (checkLink), so no typed
// quote holds either mark, and the column of a link with one passage is
// that quote, as it always was.
const (
	passageSep = "\n\x1f"
	unitSep    = "\x1f"
)

// maxLinkPassages bounds the passages of one link: the column holds them
// all.
const maxLinkPassages = 20

// splitLinkQuote reads a link's quote column: its first quote and the
// passages added after it.
func splitLinkQuote(stored string) (first string, more []LinkPassage) {
	parts := strings.Split(stored, passageSep)
	for _, p := range parts[1:] {
		page, quote, _ := strings.Cut(p, unitSep)
		n, _ := strconv.Atoi(page)
		more = append(more, LinkPassage{Page: n, Quote: quote})
	}
	return parts[0], more
}

// joinLinkQuote is the quote column of a link citing first, then more.
func joinLinkQuote(first string, more []LinkPassage) string {
	var b strings.Builder
	b.WriteString(first)
	for _, p := range more {
		b.WriteString(passageSep + strconv.Itoa(p.Page) + unitSep + p.Quote)
	}
	return b.String()
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
		if err := s.checkLink(ctx, tx, l, nil); err != nil {
			return err
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

// addLinkPassage is AddLinkQuote's change to l, read inside tx: l is
// changed as it is now stored.
func (s *Store) addLinkPassage(ctx context.Context, tx *sql.Tx, l *Link, p LinkPassage, by string) (LinkQuoted, error) {
	quoted := LinkQuoteAdded
	switch {
	case l.Quote == "":
		quoted = LinkQuoteSet
		l.Quote, l.More = p.Quote, nil
		if p.Page > 0 {
			l.Page = p.Page
		}
	case citesAlready(*l, p):
		return LinkQuoteSame, nil
	case len(l.Passages()) >= maxLinkPassages:
		return 0, FieldErrorf("quote", EINVALID, "这条关联已有 %d 段引文，不能再添加；请删去不需要的关联后重新关联，或把引文写进定性描述", maxLinkPassages)
	default:
		l.More = append(l.More, p)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE link SET page = ?, quote = ? WHERE id = ?`, l.Page, joinLinkQuote(l.Quote, l.More), l.ID); err != nil {
		return 0, fmt.Errorf("add a quote to link %s: %w", l.ID, err)
	}
	if err := s.bumpSeq(ctx, tx, l.DocumentID); err != nil {
		return 0, err
	}
	return quoted, s.recordEvent(ctx, tx, Event{User: by, Action: "link.quote", Object: l.DocumentID,
		Detail: map[string]any{"link": l.ID, "indicator": l.IndicatorCode, "page": p.Page, "quote": p.Quote}})
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

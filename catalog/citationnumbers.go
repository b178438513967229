package catalog

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/oklog/ulid/v2"
)

// addCitationNumbers is migration 036's Go step on SQLite: the column
// where missing, then its numbers (fillCitationNumbers).
func addCitationNumbers(ctx context.Context, tx *sql.Tx) error {
	if err := addColumnIfMissing(ctx, tx, "claim", "citations_numbered", `INTEGER NOT NULL DEFAULT 0`); err != nil {
		return err
	}
	return fillCitationNumbers(ctx, tx)
}

// fillCitationNumbers gives each claim the number of its last citation
// (position + 1): before migration 036 a removal closed the gap, so the
// numbers given were 1..n. A number recorded already is never lowered,
// so running it again takes back no number given since.
func fillCitationNumbers(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE claim SET citations_numbered =
		(SELECT MAX(t.position) + 1 FROM citation t WHERE t.claim_id = claim.id)
		WHERE citations_numbered < COALESCE((SELECT MAX(t.position) + 1 FROM citation t WHERE t.claim_id = claim.id), 0)`)
	if err != nil {
		return fmt.Errorf("number the citations of claims: %w", err)
	}
	return nil
}

// insertCitations stores cits as claimID's citations, in place of those
// it had. A citation kept keeps its Number; one without (added) takes
// the next the claim has not given yet (Claim.LastCitation), so a number
// once given names one citation for the claim's life. It returns the
// number given last.
func insertCitations(ctx context.Context, tx *sql.Tx, claimID string, cits []Citation) (int, error) {
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT citations_numbered FROM claim WHERE id = ?`, claimID).Scan(&last); err != nil {
		return 0, fmt.Errorf("last citation number of %s: %w", claimID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM citation WHERE claim_id = ?`, claimID); err != nil {
		return 0, fmt.Errorf("clear citations: %w", err)
	}
	for i := range cits {
		c := &cits[i]
		if c.ID == "" {
			c.ID = ulid.Make().String()
		}
		if c.Number <= 0 {
			last++
			c.Number = last
		}
		last = max(last, c.Number)
		_, err := tx.ExecContext(ctx, `INSERT INTO citation (id, claim_id, position, document_id, sha256, page, quote, quote_found, found_on_page, quote_read)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, claimID, c.Number-1, c.DocumentID, c.SHA256, c.Page, c.Quote, c.QuoteFound, c.FoundOnPage, c.QuoteRead)
		if err != nil {
			return 0, fmt.Errorf("insert citation: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claim SET citations_numbered = ? WHERE id = ?`, last, claimID); err != nil {
		return 0, fmt.Errorf("record the last citation number of %s: %w", claimID, err)
	}
	return last, nil
}

// citationChanges is what an audit event of a claim's change records of
// its citations: each citation of now not in before as added, each of
// before not in now as removed, by number, with its document, page and
// quote; and the documents they cite, which the event is about too
// (Event.Also).
func citationChanges(before, now []Citation) (detail map[string]any, docs []string) {
	had := make(map[int]bool, len(before))
	for _, c := range before {
		had[c.Number] = true
	}
	has := make(map[int]bool, len(now))
	for _, c := range now {
		has[c.Number] = true
	}
	seen := map[string]bool{}
	list := func(cits []Citation, other map[int]bool) []map[string]any {
		var out []map[string]any
		for _, c := range cits {
			if other[c.Number] {
				continue
			}
			out = append(out, map[string]any{"number": c.Number, "document_id": c.DocumentID, "page": c.Page, "quote": c.Quote})
			if !seen[c.DocumentID] {
				seen[c.DocumentID] = true
				docs = append(docs, c.DocumentID)
			}
		}
		return out
	}
	detail = map[string]any{}
	if added := list(now, had); added != nil {
		detail[EventCitationsAdded] = added
	}
	if removed := list(before, has); removed != nil {
		detail[EventCitationsRemoved] = removed
	}
	return detail, docs
}

// The keys of a claim event's Detail listing the citations the change
// added and removed, each {"number", "document_id", "page", "quote"}.
const (
	EventCitationsAdded   = "cited"
	EventCitationsRemoved = "uncited"
)

package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// addQuoteRecheckColumns is the Go step of migration 028 on SQLite: it
// adds recheck_error and recheck_error_en to citation and value where
// they are missing,
// so the migration may run again under another number.
func addQuoteRecheckColumns(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"citation", "value"} {
		if err := addColumnIfMissing(ctx, tx, table, "recheck_error", `TEXT NOT NULL DEFAULT ''`); err != nil {
			return err
		}
		if err := addColumnIfMissing(ctx, tx, table, "recheck_error_en", `TEXT`); err != nil {
			return err
		}
	}
	return nil
}

// QuotesRechecked is what looking again for the quotes cited in a text
// read anew did: how many quotes were looked for, and how many of their
// marks changed (RecordQuotesFoundAgain).
type QuotesRechecked struct {
	Checked, Changed int
}

// MarkQuotesToRecheck records, on every claim's citation and value that
// cites the text sha, that looking for its quote again in the text read
// anew failed, and why (reason, as a person reads it, and reasonEN the
// same in English, "" when it has none): their marks are
// the old text's, and the pages that show them say 引文待重新核对
// instead of a mark that may no longer hold. RecordQuotesFoundAgain, or
// the quote saved again, clears it. The claims and values whose reason
// changes are stamped updated now, so that a client paging by updated_at
// sees them again; one marked again with the same reason keeps its
// version, so that no reviewer's open page goes stale for nothing. A withdrawn claim's citations are left as they are: nothing
// counts on them. The quotes of the links of the documents whose text
// sha is are marked not looked for yet (QuoteMark). It returns how many
// quotes it marked.
func (s *Store) MarkQuotesToRecheck(ctx context.Context, sha, reason, reasonEN string) (int, error) {
	marked := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		marked = 0
		now, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		stamp := formatTime(now)
		// The documents whose links' quotes are marked below, before
		// those links, as every writer of a link takes them
		// (lockLinkDocument).
		if err := s.lockDocumentRows(ctx, tx, `WHERE sha256 = ?`, []any{sha}, map[string]string{}); err != nil {
			return err
		}
		// Only the claims a citation of which is to say another reason
		// are stamped: one marked again with the same reason shows
		// nothing new, and its version stays what reviewers saw.
		if _, err := tx.ExecContext(ctx, `UPDATE claim SET updated_at = ? WHERE id IN (SELECT claim_id FROM citation WHERE sha256 = ?
			AND (recheck_error <> ? OR COALESCE(recheck_error_en, '') <> ?)) AND status <> ?`, stamp, sha, reason, reasonEN, ClaimWithdrawn); err != nil {
			return fmt.Errorf("stamp the claims citing text %s: %w", sha, err)
		}
		for _, u := range []struct {
			query string
			args  []any
			links bool // a link's quote: not looked for again, but given no reason, so not counted
		}{
			{`UPDATE citation SET recheck_error = ?, recheck_error_en = ? WHERE sha256 = ?
				AND claim_id NOT IN (SELECT id FROM claim WHERE status = ?)`, []any{reason, nullIfEmpty(reasonEN), sha, ClaimWithdrawn}, false},
			{`UPDATE value SET updated_at = CASE WHEN recheck_error <> ? OR COALESCE(recheck_error_en, '') <> ? THEN ? ELSE updated_at END,
				recheck_error = ?, recheck_error_en = ? WHERE sha256 = ?`, []any{reason, reasonEN, stamp, reason, nullIfEmpty(reasonEN), sha}, false},
			// A link's quote keeps no reason: it is not looked for yet
			// (QuoteMark.Checked false) until a later look finds it.
			{`UPDATE link SET quote_found = NULL, found_on_page = 0, quote_read = '' WHERE quote <> '' AND document_id IN (SELECT id FROM document WHERE sha256 = ?)`, []any{sha}, true},
			{`UPDATE link_quote SET quote_found = NULL, found_on_page = 0, quote_read = '' WHERE link_id IN
				(SELECT l.id FROM link l JOIN document d ON d.id = l.document_id WHERE d.sha256 = ?)`, []any{sha}, true},
		} {
			res, err := tx.ExecContext(ctx, u.query, u.args...)
			if err != nil {
				return fmt.Errorf("mark the quotes cited in text %s to look for again: %w", sha, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("mark the quotes cited in text %s to look for again: %w", sha, err)
			}
			if !u.links {
				marked += int(n)
			}
		}
		return nil
	})
	return marked, err
}

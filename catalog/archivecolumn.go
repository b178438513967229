package catalog

import (
	"context"
	"database/sql"
)

// addDocumentArchive is migration 037's Go step on SQLite: document.archive
// where it is missing, so the migration may run again under another
// number. It stays NULL for the documents already stored: which archive
// their files came in was never kept.
func addDocumentArchive(ctx context.Context, tx *sql.Tx) error {
	return addColumnIfMissing(ctx, tx, "document", "archive", `TEXT`)
}

// addQuoteReadColumns is migration 038's Go step on SQLite: quote_read
// where it is missing, so the migration may run again under another
// number. Every quote looked for before has it empty: it was matched
// exactly, or not at all.
func addQuoteReadColumns(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"citation", "value", "link", "link_quote"} {
		if err := addColumnIfMissing(ctx, tx, table, "quote_read", `TEXT NOT NULL DEFAULT ''`); err != nil {
			return err
		}
	}
	return nil
}

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

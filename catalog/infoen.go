package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// addInfoENColumns is the Go step of migration 026 on SQLite: it adds
// info_en to indicator and round_indicator where the column is missing,
// so the migration may run again under another number (its file's
// comment says when).
func addInfoENColumns(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"indicator", "round_indicator"} {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = 'info_en'`, table).Scan(&n); err != nil {
			return fmt.Errorf("columns of %s: %w", table, err)
		}
		if n > 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+table+` ADD COLUMN info_en TEXT NOT NULL DEFAULT ''`); err != nil {
			return fmt.Errorf("add info_en to %s: %w", table, err)
		}
	}
	return nil
}

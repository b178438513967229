package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// TableCount is how many rows one catalog table holds.
type TableCount struct {
	Table string
	Rows  int64
}

// seededTables are filled by the migrations themselves (the pilot cities,
// the first rounds, the change counter, the catalog's identity, its
// secrets, its contracts): a new catalog holds them, and a copy replaces them with the
// source's rows (the archive moved keeps its identity, and the links to
// its searches of pasted passages keep working).
var seededTables = map[string]bool{"city": true, "round": true, "change_counter": true, "catalog_identity": true, "archive_secret": true,
	"schema_contract": true}

// CopyTo copies every table of this catalog (SQLite, one machine) into
// dst (a new PostgreSQL catalog, migrated to the same version by
// OpenPostgres), keeping ids and change numbers, in one transaction on dst:
// all or nothing. dst must hold no archive yet (ECONFLICT otherwise): no
// table but the ones the migrations fill may have a row. Identity
// sequences are advanced past the copied ids. After the commit the rows of
// every table are counted on both sides; a difference is an error. It
// returns the counts. The source is read inside one transaction, so it is
// the catalog as of one moment; stop serve first all the same, since later
// uploads would not be copied.
func (s *Store) CopyTo(ctx context.Context, dst *Store) ([]TableCount, error) {
	if s.dialect.name != sqliteDialect.name || dst.dialect.name != postgresDialect.name {
		return nil, Errorf(EINVALID, "只能把 SQLite 目录复制到 PostgreSQL")
	}
	tables, err := s.tablesInCopyOrder(ctx)
	if err != nil {
		return nil, err
	}
	if err := dst.checkEmpty(ctx, tables); err != nil {
		return nil, err
	}
	src, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read source catalog: %w", err)
	}
	defer src.Rollback()
	err = dst.inTx(ctx, func(tx *sql.Tx) error {
		for i := len(tables) - 1; i >= 0; i-- { // children first
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+tables[i]); err != nil {
				return fmt.Errorf("clear %s: %w", tables[i], err)
			}
		}
		for _, t := range tables {
			if err := copyTable(ctx, src, tx, t); err != nil {
				return err
			}
		}
		return advanceIdentities(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("copy catalog: %w", err)
	}
	return verifyCopy(ctx, src, dst.db, tables)
}

// tablesInCopyOrder lists the source's tables, each after the tables its
// foreign keys point at.
func (s *Store) tablesInCopyOrder(ctx context.Context) ([]string, error) {
	names, err := queryStrings(ctx, s.db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list catalog tables: %w", err)
	}
	deps := map[string][]string{}
	for _, n := range names {
		parents, err := queryStrings(ctx, s.db, `SELECT "table" FROM pragma_foreign_key_list(?)`, n)
		if err != nil {
			return nil, fmt.Errorf("foreign keys of %s: %w", n, err)
		}
		deps[n] = parents
	}
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(string) error
	visit = func(n string) error {
		switch state[n] {
		case 1:
			return fmt.Errorf("foreign keys of %s form a cycle", n)
		case 2:
			return nil
		}
		state[n] = 1
		for _, p := range deps[n] {
			if p != n {
				if err := visit(p); err != nil {
					return err
				}
			}
		}
		state[n] = 2
		order = append(order, n)
		return nil
	}
	sort.Strings(names)
	for _, n := range names {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// checkEmpty refuses a catalog that holds an archive already.
func (s *Store) checkEmpty(ctx context.Context, tables []string) error {
	for _, t := range tables {
		if seededTables[t] {
			continue
		}
		var n int64
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t).Scan(&n); err != nil {
			return fmt.Errorf("count %s in the target: %w (is it migrated to the same version?)", t, s.dialect.translate(err))
		}
		if n > 0 {
			return Errorf(ECONFLICT, "目标数据库不是空的（表 %s 有 %d 行）；请指定一个新建的空数据库", t, n)
		}
	}
	return nil
}

// copyTable copies table t's rows, column by column by name, in batches.
func copyTable(ctx context.Context, src, dst *sql.Tx, t string) error {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+t)
	if err != nil {
		return fmt.Errorf("read %s: %w", t, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	perBatch := max(1, min(500, 30000/len(cols)))
	row := "(?" + strings.Repeat(", ?", len(cols)-1) + ")"
	insert := func(n int, args []any) error {
		q := `INSERT INTO ` + t + ` (` + strings.Join(cols, ", ") + `) VALUES ` +
			row + strings.Repeat(", "+row, n-1)
		if _, err := dst.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("write %s: %w", t, err)
		}
		return nil
	}
	var args []any
	n := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read %s: %w", t, err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok { // SQLite text read as bytes
				vals[i] = string(b)
			}
		}
		args = append(args, vals...)
		if n++; n == perBatch {
			if err := insert(n, args); err != nil {
				return err
			}
			args, n = args[:0], 0
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", t, err)
	}
	if n > 0 {
		return insert(n, args)
	}
	return nil
}

// verifyCopy counts every table's rows on both sides after the copy.
func verifyCopy(ctx context.Context, src *sql.Tx, dst *sql.DB, tables []string) ([]TableCount, error) {
	var out []TableCount
	var bad []string
	for _, t := range tables {
		var a, b int64
		if err := src.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t).Scan(&a); err != nil {
			return nil, fmt.Errorf("count %s in the source: %w", t, err)
		}
		if err := dst.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t).Scan(&b); err != nil {
			return nil, fmt.Errorf("count %s in the target: %w", t, err)
		}
		if a != b {
			bad = append(bad, fmt.Sprintf("%s %d≠%d", t, a, b))
		}
		out = append(out, TableCount{Table: t, Rows: a})
	}
	if len(bad) > 0 {
		return out, Errorf(EINTERNAL, "复制后行数不一致：%s", strings.Join(bad, ","))
	}
	return out, nil
}

// queryStrings runs a query of one text column on a pool, a connection
// or a transaction and returns its rows.
func queryStrings(ctx context.Context, db querier, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

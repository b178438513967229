package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// dialect is everything the catalog does differently on SQLite and on
// PostgreSQL. The rest of the store's SQL is written once, portably, with
// `?` placeholders (numbered for PostgreSQL by its connector, see
// pgdriver.go).
type dialect struct {
	name string
	// twin is the suffix of a migration written for this dialect alone
	// ("" for none): 001_init.pg.sql replaces 001_init.sql on PostgreSQL.
	twin string
	// version reads the applied schema version inside tx, holding
	// whatever lock keeps two processes from migrating at once.
	version    func(ctx context.Context, tx *sql.Tx) (int, error)
	setVersion func(ctx context.Context, tx *sql.Tx, v int) error
	// lockWrites begins every write transaction (inTx): one writer at a
	// time, as SQLite's immediate transactions are, so change numbers are
	// unique and commit in the order they were given, and no two writers
	// each hold a row the other waits for.
	lockWrites func(ctx context.Context, tx *sql.Tx) error
	translate  func(error) error
	// skipLocked ends a SELECT that takes a job: PostgreSQL locks the
	// row and skips rows other nodes hold; SQLite's immediate
	// transaction already excludes every other writer.
	skipLocked string
}

// sqlite: immediate transactions already hold the one write lock.
var sqliteDialect = dialect{
	name: "sqlite",
	version: func(ctx context.Context, tx *sql.Tx) (int, error) {
		var v int
		err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
		return v, err
	},
	setVersion: func(ctx context.Context, tx *sql.Tx, v int) error {
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v))
		return err
	},
	lockWrites: func(context.Context, *sql.Tx) error { return nil },
	translate:  sqliteError,
}

// postgres: an advisory transaction lock stands in for SQLite's write lock.
// A narrower lock (only around handing out seqs) deadlocked: a transaction
// inserting a link holds a key-share lock on its document and then waits
// for the seq lock, while the holder of the seq lock waits to renumber
// that document (seq has a unique index, so that is a key update).
var postgresDialect = dialect{
	name: "postgres",
	twin: ".pg.sql",
	version: func(ctx context.Context, tx *sql.Tx) (int, error) {
		if err := advisoryLock(ctx, tx, lockMigrate); err != nil {
			return 0, err
		}
		return postgresVersion(ctx, tx)
	},
	setVersion: func(ctx context.Context, tx *sql.Tx, v int) error {
		_, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, v)
		return err
	},
	lockWrites: func(ctx context.Context, tx *sql.Tx) error { return advisoryLock(ctx, tx, lockWrite) },
	translate:  postgresError,
	skipLocked: " FOR UPDATE SKIP LOCKED",
}

func advisoryLock(ctx context.Context, tx *sql.Tx, key int64) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, key)
	return err
}

// migrationFiles returns the migrations in order, each the dialect's twin
// when it has one. Their position is their version.
func (d dialect) migrationFiles() ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, n := range names {
		have[n] = true
	}
	var out []string
	for _, n := range names {
		if strings.Count(strings.TrimPrefix(n, "migrations/"), ".") > 1 {
			continue // a twin, taken below in its portable file's place
		}
		if d.twin != "" {
			if twin := strings.TrimSuffix(n, ".sql") + d.twin; have[twin] {
				n = twin
			}
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

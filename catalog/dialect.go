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
	translate  func(error) error
	// lockRow ends a SELECT of rows a transaction reads in order to change
	// them (check, then write): PostgreSQL locks them until the transaction
	// ends, FOR NO KEY UPDATE, which does not hold up foreign-key checks
	// (a link or citation being inserted for the document); SQLite's
	// immediate transaction already excludes every other writer.
	lockRow string
	// lockToDelete ends a SELECT of a row the transaction checks and then
	// deletes: PostgreSQL's FOR UPDATE, which waits for every holder of a
	// keyShare lock, so the check sees what they wrote.
	lockToDelete string
	// keyShare ends a SELECT of a row a transaction needs to stay while
	// it writes what refers to it: PostgreSQL's FOR KEY SHARE, which many
	// hold at once and which holds up only deleting the row.
	keyShare string
	// lockShare ends a SELECT of a row a transaction needs to stay as it
	// is while it writes what names it by value: PostgreSQL's FOR SHARE,
	// which many hold at once and which holds up deleting the row and
	// changing it (an account or a hand-in naming a department of the
	// list, holdDepartment, against its delete or rename).
	lockShare string
	// skipLocked ends a SELECT that takes a job: PostgreSQL locks the
	// row and skips rows other nodes hold; SQLite's immediate
	// transaction already excludes every other writer. The lock is FOR
	// NO KEY UPDATE, as the UPDATE that follows takes anyway: FOR UPDATE
	// would also skip a row that another transaction's foreign key holds
	// FOR KEY SHARE for a moment (a near-duplicate link or a citation
	// naming the document), and the node that took the job would have
	// let it go (TakeJob, ErrJobLocked).
	skipLocked string
	// nowMs is the database's clock in Unix milliseconds, as an SQL
	// expression: what several nodes compare times by when their own
	// clocks may differ.
	nowMs string
	// serialWriters: a write transaction excludes every other, so it reads
	// all that earlier ones committed and a later one reads all it wrote
	// (SQLite's one write lock; not PostgreSQL's READ COMMITTED).
	serialWriters bool
	// byteOrder follows a comparison of text that must order as Go orders
	// strings (byte by byte): PostgreSQL's "C" collation, whatever the
	// database's own; SQLite's BINARY already is.
	byteOrder string
	// amongIDs is the condition that a row's id is one of those a
	// subquery (%s) lists, written so that the database reads the rows by
	// their ids in order and can stop at a page (ORDER BY id LIMIT):
	// SQLite does for id IN (…); PostgreSQL plans IN as a join that
	// may read every row in the range of ids, but reads an array's ids
	// through the primary key's index (id = ANY(ARRAY(…))).
	amongIDs string
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
	translate:     sqliteError,
	nowMs:         `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`,
	serialWriters: true,
	amongIDs:      `id IN (%s)`,
}

// postgres: writers run concurrently under READ COMMITTED with row locks
// and unique constraints; only the numbering of document changes at commit
// is serialised, by the change_counter row (seq.go). An earlier version
// took one advisory lock for every write transaction, so all writes of all
// nodes queued; a seq lock taken in mid-transaction deadlocked (a link
// insert held a key-share lock on its document and waited for the lock,
// whose holder waited to renumber that document under a unique index),
// which is why numbering is now the last step and seq's index not unique.
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
	translate:    postgresError,
	lockRow:      " FOR NO KEY UPDATE",
	lockToDelete: " FOR UPDATE",
	keyShare:     " FOR KEY SHARE",
	lockShare:    " FOR SHARE",
	skipLocked:   " FOR NO KEY UPDATE SKIP LOCKED",
	nowMs:        `CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)`,
	byteOrder:    ` COLLATE "C"`,
	amongIDs:     `id = ANY(ARRAY(%s))`,
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

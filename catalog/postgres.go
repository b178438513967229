package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// IsPostgresURL reports whether url names a PostgreSQL database
// (postgres:// or postgresql://), the form EVIDENCE_DATABASE_URL takes.
func IsPostgresURL(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// OpenPostgres opens the catalog in the PostgreSQL database at url and
// applies pending migrations. Several processes may open the same database
// at once: migrations take an advisory lock, so one applies them.
func OpenPostgres(ctx context.Context, url string) (*Store, error) {
	return openPostgres(ctx, url, pgAnswerWait)
}

// openPostgres is OpenPostgres with a bound on the wait for an answer
// (pgAnswerWait), which tests shorten.
func openPostgres(ctx context.Context, url string, answerWait time.Duration) (*Store, error) {
	if !IsPostgresURL(url) {
		return nil, Errorf(EINVALID, "数据库地址应以 postgres:// 开头")
	}
	stmts := new(atomic.Int64)
	conn, err := newPGConnector(url, answerWait, stmts)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(conn)
	db.SetMaxOpenConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db, writer: db, dialect: postgresDialect, now: func() time.Time { return time.Now().UTC() }, stmts: stmts}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to catalog database: %w", startupError(url, err))
	}
	if err := migratePostgres(ctx, url); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.fillEventIndicators(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open catalog: %w", s.dialect.translate(err))
	}
	return s, nil
}

// migratePostgres applies the migrations on connections of their own,
// without the answer wait: a node starting while another applies a long
// migration waits for its lock as long as it takes, and a migration's own
// statement may be silent for minutes on a large catalog; cut, it would be
// rolled back and tried again at every start.
//
// A lock waited for longer than migrationLockWait (another node migrating,
// or a transaction holding a table the migration alters) is said in the
// log and waited for again, so that a start held by a hung node says why.
func migratePostgres(ctx context.Context, url string) error {
	conn, err := newPGConnector(url, 0, nil)
	if err != nil {
		return err
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	m := &Store{db: db, writer: db, dialect: postgresDialect, now: func() time.Time { return time.Now().UTC() }}
	for waited := time.Duration(0); ; waited += migrationLockWait {
		if _, err := db.ExecContext(ctx, fmt.Sprintf("SET lock_timeout = %d", migrationLockWait.Milliseconds())); err != nil {
			return fmt.Errorf("migrate catalog: %w", err)
		}
		err := m.migrate(ctx)
		var pgErr *pgconn.PgError
		if err == nil || !errors.As(err, &pgErr) || pgErr.Code != "55P03" { // lock_not_available
			return err
		}
		slog.Warn("catalog migration: waiting for a lock another node or transaction holds", "waited", waited+migrationLockWait)
	}
}

// migrationLockWait is how long a migration waits for a lock before it
// says so in the log and waits again.
var migrationLockWait = 30 * time.Second

// Advisory lock keys, one per purpose, in the catalog's own range.
const (
	lockMigrate int64 = 0x65766964_0001 // applying migrations
	// 0x65766964_0002 was the one-writer lock, gone with migration 015 (seq.go).
	lockClaimStamps int64 = 0x65766964_0003 // claim changes, stamped in commit order
)

// postgresVersion reads the schema version from schema_version, the
// PostgreSQL counterpart of SQLite's PRAGMA user_version, creating it at 0.
func postgresVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return 0, err
	}
	var v int
	err := tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`)
		return 0, err
	}
	return v, err
}

// startupError says why the catalog database could not be opened, to
// whoever starts the command: which server and database (never the
// password) and what to check.
func startupError(url string, err error) error {
	where := PostgresWhere(url)
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe) && pe.Code == "3D000": // invalid_catalog_name
		return fmt.Errorf("%w: %w", Errorf(EINVALID, "PostgreSQL 中没有数据库 %s；请先创建它（createdb），或改正 EVIDENCE_DATABASE_URL", where), err)
	case errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000"): // authentication
		return fmt.Errorf("%w: %w", Errorf(EINVALID, "PostgreSQL 拒绝登录数据库 %s（用户名或密码不对，或 pg_hba.conf 不允许）；请检查 EVIDENCE_DATABASE_URL", where), err)
	case connectionLost(err):
		return fmt.Errorf("%w: %w", Errorf(EUNAVAILABLE, "无法连接目录数据库 %s；请确认 PostgreSQL 正在运行，EVIDENCE_DATABASE_URL 中的地址和端口正确，然后重新运行", where), err)
	}
	return postgresError(err)
}

// postgresError translates PostgreSQL errors into application errors at the
// edge, as sqliteError does for SQLite.
func postgresError(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return fmt.Errorf("%w: %v", Errorf(ECONFLICT, "记录已存在"), err)
		case "23503": // foreign_key_violation
			return fmt.Errorf("%w: %v", Errorf(EINVALID, "引用的对象不存在"), err)
		case "40001", "40P01", "55P03", "57P01", "57P03": // serialization, deadlock, lock, shutdown, starting
			return fmt.Errorf("%w: %w", Errorf(EUNAVAILABLE, "目录数据库繁忙，请稍后重试"), err)
		}
		return err
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return fmt.Errorf("%w: %v", Errorf(EUNAVAILABLE, "无法连接目录数据库，请稍后重试"), err)
	}
	return err
}

// advanceIdentities moves every identity or serial column's sequence past
// the highest id in its table, after rows were copied in with their ids
// (CopyTo), so the next insert does not reuse one.
func advanceIdentities(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`)
	if err != nil {
		return fmt.Errorf("list identity columns: %w", err)
	}
	type col struct{ table, name string }
	var cols []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.table, &c.name); err != nil {
			rows.Close()
			return err
		}
		cols = append(cols, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range cols {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'), COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)`,
			c.table, c.name, c.name, c.table)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("advance the sequence of %s.%s: %w", c.table, c.name, err)
		}
	}
	return nil
}

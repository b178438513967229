package catalog

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the catalog on a SQLite file (Open) or in a PostgreSQL database
// (OpenPostgres): the source of truth for documents, users and the audit
// log. Its SQL stays portable; what differs lives in dialect.go, SQLite's
// DSN and errors here, PostgreSQL's in postgres.go and pgdriver.go.
type Store struct {
	// db answers reads. On SQLite it is a pool of read-only connections
	// that never wait for a writer (WAL); on PostgreSQL it is also writer.
	db *sql.DB
	// writer runs every write. On SQLite it is one connection: writers
	// queue in Go for it instead of each holding a pooled connection while
	// SQLite's busy handler sleeps and retries for the file's one write
	// lock, which left searches waiting for a connection behind them.
	writer  *sql.DB
	dialect dialect
	now     func() time.Time
	seqs    seqTxs   // provisional change numbers of open transactions
	events  eventTxs // audit events of open transactions, written at commit
	// writerWait bounds how long a write waits for writer's connection
	// (SQLite, once open; see writerWait). Zero while the catalog opens:
	// the connection's first use then waits on SQLite's busy timeout for a
	// lock another process may hold, which Open reports as such.
	writerWait time.Duration
	// stmts counts the SQL statements sent to the database (Statements).
	stmts *atomic.Int64
	// citiesAdded counts the cities AddCity added (CitiesAdded).
	citiesAdded atomic.Int64
	// renameStarting, set by tests only, runs as RenameDepartment is about
	// to open its transaction: what it does stands for what another
	// request did at the same time.
	renameStarting func()
	// withdrawLocked, set by tests only, runs once WithdrawHandIn holds
	// the document's row: what it does stands for what other requests
	// did meanwhile.
	withdrawLocked func()
	// bulkRunMoved, set by tests only, runs after each UPDATE of a bulk
	// move (bulkMoveRun), its rows held.
	bulkRunMoved func()
	// mergeFirstLocked, set by tests only, runs once MergeDepartment
	// holds the first of the two departments' rows it locks.
	mergeFirstLocked func()
	// mergeDocumentsLocked, set by tests only, runs once MergeDepartment
	// holds the rows of the documents it re-files, before it locks any
	// task (lockDepartmentDocuments).
	mergeDocumentsLocked func()
	// acceptFilesLocked, set by tests only, runs once a change of a task
	// that asks about its files (AssignmentChange.Files) holds them,
	// before it updates the task's row (sameFiles).
	acceptFilesLocked func()
	// quoteDocumentLocked and unlinkDocumentLocked, set by tests only,
	// run once AddLinkQuote and DeleteLink hold the link's document's row.
	quoteDocumentLocked, unlinkDocumentLocked func()
	// indicatorBatch and indicatorBatchFilled, set by tests only: the
	// events a batch of fillEventIndicators reads (eventIndicatorBatch
	// when 0), and what runs as a batch is about to commit, given its
	// last event's ID; an error it returns stops the fill there.
	indicatorBatch       int
	indicatorBatchFilled func(last int64) error
	// indicatorPlacesRead, set by tests only, runs once a batch of
	// fillEventIndicators has read the cities of its link events'
	// documents, before it writes their rows.
	indicatorPlacesRead func()
	// shortBandsRead, set by tests only, runs once addShortBands has read
	// and compared a document's stored bands, before it inserts its
	// short bands.
	shortBandsRead func()
	// returnRowRead, set by tests only, runs for each row readReturns
	// reads, with its task.
	returnRowRead func(task string)
	// fill holds, on PostgreSQL, the lock of the node doing the fill of
	// short bands (holdShortBandFill).
	fill fillHold
}

// CitiesAdded counts the cities this Store has added (AddCity) since it
// opened. Cities are only ever added, never renamed or removed, so one who
// keeps the list of cities need not read it again while the count stays
// the same, except for a city another process added (the evidence city add
// command beside a running server, another node), which only the catalog
// knows.
func (s *Store) CitiesAdded() int64 { return s.citiesAdded.Load() }

// Statements returns how many SQL statements the store has sent to its
// database since it opened, reads and writes, migrations included. Tests
// take it before and after a call to hold a page to a fixed number of
// queries however much data it shows (no query per row).
func (s *Store) Statements() int64 {
	if s.stmts == nil {
		return 0
	}
	return s.stmts.Load()
}

// writerWait is how long a write waits its turn for SQLite's one writer
// connection before it fails as busy: as long as SQLite's busy timeout,
// which bounded the wait when every connection could write. Without it a
// write behind a stuck one waited until its request gave up.
const writerWait = 10 * time.Second

// writeConn returns the connection a write runs on, waiting at most
// s.writerWait for it behind other writes (SQLite); the caller closes it
// to give it back. PostgreSQL's writers do not queue for a connection of
// their own, so there only ctx bounds the wait.
func (s *Store) writeConn(ctx context.Context) (*sql.Conn, error) {
	if s.writer == s.db || s.writerWait <= 0 {
		return s.writer.Conn(ctx)
	}
	wait, cancel := context.WithTimeout(ctx, s.writerWait)
	defer cancel()
	conn, err := s.writer.Conn(wait)
	if err != nil && ctx.Err() == nil && wait.Err() != nil {
		return nil, &Error{Code: EUNAVAILABLE, RetryAfter: 5 * time.Second, Message: Fullwidth(fmt.Sprintf(
			"目录数据库正忙于其他写入，等候 %d 秒仍未轮到；本次操作未保存，请稍后重试", int(s.writerWait.Seconds())))}
	}
	return conn, err
}

// execWrite runs one statement that writes, outside a transaction, on the
// writer connection.
func (s *Store) execWrite(ctx context.Context, query string, args ...any) (sql.Result, error) {
	conn, err := s.writeConn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return conn.ExecContext(ctx, query, args...)
}

// Open opens (creating if needed) the catalog at path and applies pending
// migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	return openSQLite(ctx, path, stmtCacheSize)
}

// openSQLite is Open with cacheSize prepared statements kept per
// connection (0: none, for benchmarks measuring what the cache saves).
func openSQLite(ctx context.Context, path string, cacheSize int) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create catalog folder: %w", err)
	}
	// Immediate transactions take the write lock up front, so a writer of
	// another process and this one wait for each other (busy_timeout)
	// instead of failing on upgrade.
	params := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)"
	stmts := new(atomic.Int64)
	// The writer keeps a statement's journal (what undoes a statement that
	// fails inside a transaction) in memory: past 64 KiB SQLite spills it
	// to a temporary file, two writes a page, and a batch's MinHash bands
	// in one INSERT passed that every time (≈ 1 % of serve's CPU in the
	// quick bench's ingest, bench/README.md). It is not part of the
	// database's durability: it is thrown away at the transaction's end.
	writer, err := openSQLitePool(path, params+"&_txlock=immediate&_pragma=temp_store(MEMORY)"+writerPragmas, cacheSize, 1, stmts)
	if err != nil {
		return nil, err
	}
	db, err := openSQLitePool(path, params+readerPragmas, cacheSize, readConns, stmts)
	if err != nil {
		writer.Close()
		return nil, err
	}
	s := &Store{db: db, writer: writer, dialect: sqliteDialect, now: func() time.Time { return time.Now().UTC() }, stmts: stmts}
	if err := s.migrateAndFill(ctx); err != nil {
		s.Close()
		if locked(err) {
			// The first statement waited busy_timeout for the lock: another
			// program holds the file, and a person has to end it.
			return nil, fmt.Errorf("open catalog %s: %w: %w", path, Errorf(EUNAVAILABLE,
				"目录数据库 %s 被另一个进程锁定，等待 10 秒仍未释放；请关闭正在使用它的程序（另一个 evidence 进程、sqlite3 或数据库浏览工具）后再启动 / "+
					"the catalog %s is locked by another process (still after 10 s): close the program holding it "+
					"(another evidence process, sqlite3, a database browser) and start again", path, path), err)
		}
		return nil, err
	}
	s.writerWait = writerWait
	return s, nil
}

// locked reports whether err is SQLite's "the file is locked by another
// connection", SQLITE_BUSY or SQLITE_LOCKED with any extended code.
func locked(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

// writerPragmas are the writer connection's settings (the readers only
// read: query_only).
//
// Durable commits (synchronous FULL): each commit syncs the WAL, so a
// document whose upload was answered, and every status, verdict and
// account change after it, survives a power loss or a kernel crash, as
// its original does (the blob store syncs it before the answer). With
// NORMAL the WAL was synced only at checkpoints, and a crash rolled back
// what was committed since. A sync of the WAL costs about 0.3 ms and
// 0.06 ms of CPU here; a round of the quick bench commits ≈ 400 times.
//
// Page cache and checkpoints: a batch's sixteen near-duplicate bands a
// document go into the (band, hash) index at random places, so each
// batch dirties a page of that index for nearly every insert once the
// archive holds tens of thousands of documents: with SQLite's default
// 2 MB cache those pages were read again for every batch, and with its
// default checkpoint every 1,000 pages each batch's pages were written
// back to the database file at once. Holding 32 MiB of pages and
// checkpointing every 8,000 cut the catalog's CPU a document at 50,000
// documents from 680–850 to 460 µs (BenchmarkCatalogGrowth,
// bench/README.md ingest step 20); the pages are only held once read, so
// a small archive pays nothing. The WAL file is cut back to 32 MiB after
// a checkpoint (journal_size_limit): a long read (a backup) can let it
// grow past that meanwhile, and it would else keep its largest size.
const writerPragmas = "&_pragma=synchronous(FULL)&_pragma=cache_size(-32768)" +
	"&_pragma=wal_autocheckpoint(8000)&_pragma=journal_size_limit(33554432)"

// readerPragmas are the read connections' settings. Readers cannot
// write (query_only), so a write sent to the wrong pool fails at once
// instead of racing the writer for the lock.
//
// No mmap_size and SQLite's default 2 MB cache, measured (session 45,
// bench/README.md): in WAL mode a reader's transaction that finds the
// WAL changed since its last one drops its whole page cache and, with
// mmap on, unmaps the file (pagerBeginReadTransaction), so under make
// load, with an upload's commit every few milliseconds, nearly every read
// starts cold either way. With mmap_size(256 MiB) each such read mapped
// the file again and faulted in every page it touched: the catalog's
// reads after a commit took 3.3 times the CPU of pread
// (BenchmarkReaderPragmas). A larger cache_size is dropped as often and
// saved nothing there. mmap would also turn an I/O error into SIGBUS, a
// crash instead of an error. Nothing truncates the file while serving
// (no VACUUM and no auto_vacuum; backup copies it with VACUUM INTO;
// restore makes a new data folder; repair needs serve stopped), so that
// risk was small, but there was no gain to pay for it.
var readerPragmas = "&_pragma=query_only(1)"

// readConns is the number of SQLite connections answering reads at once.
// Under make load searches wait for one (their holders wait for a core);
// sixteen shortened the searches' tail but took the cores from uploads,
// which fell by half (bench/README.md).
const readConns = 8

// openSQLitePool opens a pool of at most conns connections to the SQLite
// file at path with the DSN parameters params.
func openSQLitePool(path, params string, cacheSize, conns int, stmts *atomic.Int64) (*sql.DB, error) {
	connector, err := newSQLiteConnector("file:"+path+params, cacheSize, stmts)
	if err != nil {
		return nil, fmt.Errorf("open catalog %s: %w", path, err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(conns)
	// Idle connections stay open (database/sql keeps only 2 by default):
	// a connection opened anew reads the schema again and has none of its
	// statements prepared (sqlitedriver.go).
	db.SetMaxIdleConns(conns)
	return db, nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.releaseShortBandFill()
	err := s.db.Close()
	if s.writer != s.db {
		err = errors.Join(err, s.writer.Close())
	}
	return err
}

// migrationFills are the Go steps of migrations whose new columns hold
// what SQL alone cannot compute portably, run in the migration's
// transaction after its SQL; a step that records audit events or
// renumbers documents does it through the store.
var migrationFills = map[string]func(context.Context, *Store, *sql.Tx) error{
	"migrations/019_value_order.sql":           txOnly(fillValueOrder),
	"migrations/021_fields_revision.sql":       txOnly(fillEditedFields),
	"migrations/026_indicator_info_en.sql":     txOnly(addInfoENFillDemo),
	"migrations/026_indicator_info_en.pg.sql":  txOnly(fillDemoInfoEN),
	"migrations/028_quote_recheck.sql":         txOnly(addQuoteRecheckColumns),
	"migrations/029_returned_files.sql":        returnedFiles029(true),
	"migrations/029_returned_files.pg.sql":     returnedFiles029(false),
	"migrations/030_link_quotes.sql":           txOnly(moveLinkQuotes030),
	"migrations/032_link_quote_found.sql":      txOnly(addLinkQuoteFoundColumns),
	"migrations/033_submission_role.sql":       txOnly(addSubmissionRole),
	"migrations/033_submission_role.pg.sql":    txOnly(fillSubmissionRoles),
	"migrations/035_submission_handin.sql":     handIn035(true),
	"migrations/035_submission_handin.pg.sql":  handIn035(false),
	"migrations/036_citation_numbers.sql":      txOnly(addCitationNumbers),
	"migrations/036_citation_numbers.pg.sql":   txOnly(fillCitationNumbers),
	"migrations/037_document_archive.sql":      txOnly(addDocumentArchive),
	"migrations/038_quote_read.sql":            txOnly(addQuoteReadColumns),
	"migrations/039_node_heartbeat.sql":        txOnly(addUploadNode),
	"migrations/042_catalog_identity.sql":      fillCatalogIdentity,
	"migrations/042_catalog_identity.pg.sql":   fillCatalogIdentity,
	"migrations/044_archive_secret.sql":        fillArchiveSecrets,
	"migrations/044_archive_secret.pg.sql":     fillArchiveSecrets,
	"migrations/045_passage_scope.sql":         txOnly(addPassageScope),
	"migrations/048_event_indicator_place.sql": txOnly(addEventIndicatorPlace),
	"migrations/051_job_contract.sql":          txOnly(addLeaseToken),
	"migrations/052_task_requirement.sql":      txOnly(addTaskRequirement),
	"migrations/053_requirement_source.sql":    txOnly(addRequirementSource),
}

// migrateAndFill applies pending migrations, then fills what a migration
// left to fill in batches of their own (fillEventIndicators).
func (s *Store) migrateAndFill(ctx context.Context) error {
	if err := s.migrate(ctx); err != nil {
		return err
	}
	return s.fillEventIndicators(ctx)
}

// txOnly is a migration's Go step that needs its transaction alone.
func txOnly(fill func(context.Context, *sql.Tx) error) func(context.Context, *Store, *sql.Tx) error {
	return func(ctx context.Context, _ *Store, tx *sql.Tx) error { return fill(ctx, tx) }
}

// migrate applies the migrations not applied yet, each in its own
// transaction with the new version number.
func (s *Store) migrate(ctx context.Context) error {
	names, err := s.dialect.migrationFiles()
	if err != nil {
		return err
	}
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.refuseNewerSchema(ctx, tx, len(names)) }); err != nil {
		return fmt.Errorf("migrate catalog: %w", err)
	}
	for i, name := range names {
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			version, err := s.dialect.version(ctx, tx)
			if err != nil {
				return fmt.Errorf("read catalog version: %w", err)
			}
			if i < version {
				return nil
			}
			if err := s.applyMigration(ctx, tx, name, body); err != nil {
				return err
			}
			return s.dialect.setVersion(ctx, tx, i+1)
		})
		if err != nil {
			return fmt.Errorf("migrate catalog: %w", err)
		}
	}
	return nil
}

// applyMigration runs the migration name (its SQL body, then its Go step)
// in tx.
func (s *Store) applyMigration(ctx context.Context, tx *sql.Tx, name string, body []byte) error {
	if err := s.lockForJobContract(ctx, tx, name); err != nil {
		return fmt.Errorf("apply %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("apply %s: %w", name, err)
	}
	if fill := migrationFills[name]; fill != nil {
		if err := fill(ctx, s, tx); err != nil {
			return fmt.Errorf("apply %s: %w", name, err)
		}
	}
	return nil
}

// refuseNewerSchema refuses a catalog that a newer binary has migrated past
// the known migrations: a node left on the old version (or a binary rolled
// back) would otherwise serve it without the newer binary's tables kept up,
// and number its changes differently from the other nodes.
func (s *Store) refuseNewerSchema(ctx context.Context, tx *sql.Tx, known int) error {
	version, err := s.dialect.version(ctx, tx)
	if err != nil {
		return fmt.Errorf("read catalog version: %w", err)
	}
	if version > known {
		return NewerSchemaError(EINVALID, version, known)
	}
	return nil
}

// inTx runs fn in a transaction, committing when it returns nil. On
// SQLite the transaction is immediate and holds the one write lock; on
// PostgreSQL it is READ COMMITTED and takes no lock of its own, so writers
// of all nodes run side by side, serialised only by the rows they touch
// and, for the moment of numbering their changes, by the seq lock (seq.go).
// Code inside fn that reads and then writes on what it read locks the
// rows it reads (FOR UPDATE) or leans on a unique constraint.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	_, err := s.runTx(ctx, fn)
	return err
}

// runTx is inTx that also returns the real change numbers given to the
// provisional ones fn wrote (nextSeq), for callers that report them.
func (s *Store) runTx(ctx context.Context, fn func(*sql.Tx) error) (map[int64]int64, error) {
	conn, err := s.writeConn(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", s.dialect.translate(err))
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", s.dialect.translate(err))
	}
	s.openEvents(tx)
	defer func() {
		// A panic in fn must not keep the transaction open: on SQLite it
		// holds the one writer connection, and every later write would
		// wait for it.
		if p := recover(); p != nil {
			s.takeSeqs(tx)
			s.takeEvents(tx)
			tx.Rollback()
			panic(p)
		}
	}()
	err = fn(tx)
	events := s.takeEvents(tx)
	handed := s.takeSeqs(tx)
	if err == nil && len(events) > 0 {
		err = s.writeEvents(ctx, tx, events)
	}
	if err != nil {
		tx.Rollback()
		return nil, s.dialect.translate(err)
	}
	var assigned map[int64]int64
	if handed > 0 {
		if assigned, err = s.assignSeqs(ctx, tx, handed); err != nil {
			tx.Rollback()
			return nil, s.dialect.translate(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", s.dialect.translate(err))
	}
	return assigned, nil
}

// sqliteError translates driver errors into application errors at the edge.
func sqliteError(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %v", Errorf(ECONFLICT, "记录已存在"), err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%w: %v", Errorf(EINVALID, "引用的对象不存在"), err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%w: %w", Errorf(EUNAVAILABLE, "目录数据库繁忙，请稍后重试"), err) // both, so Open can tell a lock
		case sqlite3.SQLITE_FULL:
			// The disk (or the file's page limit) is full; the transaction
			// was rolled back, so nothing of it was written.
			return fmt.Errorf("%w: %v", Errorf(EUNAVAILABLE, "存储空间已满，目录数据库无法写入，本次操作未保存；请联系管理员清理磁盘"), err)
		}
	}
	return err
}

// recordEvent appends e to the audit log inside tx: with the others of
// tx just before it commits (writeEvents, which records the title of the
// document an event is about), or at once in a transaction runTx did not
// begin. Until then a read of the event table inside tx does not see it:
// such a read calls flushEvents first (statusBeforeHandIn does).
func (s *Store) recordEvent(ctx context.Context, tx *sql.Tx, e Event) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	if s.holdEvent(tx, e) {
		return nil
	}
	return s.writeEvents(ctx, tx, []Event{e})
}

// RecordEvent appends e to the audit log.
func (s *Store) RecordEvent(ctx context.Context, e Event) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.recordEvent(ctx, tx, e) })
}

// Events returns the audit log entries for object (all when empty), newest first.
func (s *Store) Events(ctx context.Context, object string, limit int) ([]Event, error) {
	return s.FindEvents(ctx, EventFilter{Object: object, Limit: limit})
}

func (s *Store) queryEvents(ctx context.Context, q string, args ...any) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at, detail string
		if err := rows.Scan(&e.ID, &at, &e.User, &e.Action, &e.Object, &detail); err != nil {
			return nil, fmt.Errorf("scan event: %w", err)
		}
		e.At = parseTime(at)
		if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
			return nil, fmt.Errorf("decode event detail: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Cities returns every city, by code.
func (s *Store) Cities(ctx context.Context) ([]City, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code, name FROM city ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("query cities: %w", err)
	}
	defer rows.Close()
	var out []City
	for rows.Next() {
		var c City
		if err := rows.Scan(&c.Code, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// City returns the city with code, or ENOTFOUND. A city's GB/T 2260 code
// (320100) names a real city the catalog lacks rather than a typing
// mistake: its message says how an admin adds the city, where one for a
// province's or a district's code says which code to give instead, and
// one for a malformed code what a code looks like (unknownCity).
func (s *Store) City(ctx context.Context, code string) (City, error) {
	c := City{Code: code}
	err := s.db.QueryRowContext(ctx, `SELECT name FROM city WHERE code = ?`, code).Scan(&c.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return c, unknownCity(code)
	}
	if err != nil {
		return c, fmt.Errorf("query city %s: %w", code, err)
	}
	return c, nil
}

// unknownCity is the error for a city code the catalog lacks, by what
// the code is: a city not added yet, a province's or a district's code
// given where a city's belongs, or no GB/T 2260 code at all.
func unknownCity(code string) error {
	switch levelOf(code) {
	case cityDivision:
		return Errorf(ENOTFOUND, "城市代码 %q 尚未添加：请管理员在“管理”页（/admin）的“城市”栏添加，或运行 evidence city add --code %s --name 城市名称", code, code)
	case provinceDivision:
		return Errorf(ENOTFOUND, "%q 是省级行政区划代码：城市代码应为地市级代码（如 %s）", code, code[:2]+"0100")
	case countyDivision:
		return Errorf(ENOTFOUND, "%q 是区县级行政区划代码：请填写其所属城市的代码 %s", code, parentCity(code))
	}
	return Errorf(ENOTFOUND, "未知的城市代码 %q（应为 GB/T 2260 行政区划代码，如 330100 杭州）", code)
}

// timeLayout is fixed-width so that stored times sort and compare as text.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	return t
}

// Snapshot writes a consistent copy of the whole catalog to path, which
// must not exist, while other connections go on reading and writing:
// VACUUM INTO reads in one transaction, so the copy is the catalog as of
// one moment (SQLite's WAL lets writers continue meanwhile). A full disk
// where path is written is an error that is syscall.ENOSPC.
func (s *Store) Snapshot(ctx context.Context, path string) error {
	if s.dialect.name != sqliteDialect.name {
		return Errorf(EINVALID, "目录在 PostgreSQL 中：请用 pg_dump 备份目录数据库")
	}
	// A reader, not the writer, so that writes go on; VACUUM INTO counts as
	// a write for query_only, lifted on this connection for its length.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("snapshot catalog: %w", sqliteError(err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		return fmt.Errorf("snapshot catalog: %w", sqliteError(err))
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, path)
	// Back to read-only before the connection returns to the pool; one
	// that cannot be is not returned at all.
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only = 1`); rerr != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_FULL {
		// The disk of the snapshot is full, not the catalog's, which is
		// only read: say ENOSPC, for the caller to name that disk.
		return fmt.Errorf("snapshot catalog to %s: %w (%v)", path, syscall.ENOSPC, err)
	}
	if err != nil {
		return fmt.Errorf("snapshot catalog to %s: %w", path, sqliteError(err))
	}
	return nil
}

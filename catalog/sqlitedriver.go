package catalog

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"modernc.org/sqlite"
)

// stmtCacheSize is how many prepared statements each SQLite connection
// keeps. The catalog runs a few dozen distinct statements on its hot paths
// (plus an IN list per list length), so 128 holds them all.
const stmtCacheSize = 128

// maxCachedQuery bounds the text of a statement worth keeping: longer ones
// are the generated multi-row INSERTs of a copy, run once each, whose
// parse is small next to their execution.
const maxCachedQuery = 8 << 10

// sqliteConnector opens modernc.org/sqlite connections that keep their
// prepared statements (stmtCacheConn). database/sql has no statement cache
// and modernc's Exec and Query prepare every statement afresh, which under
// load made parsing SQL 7 % of the server's CPU.
type sqliteConnector struct {
	inner driver.Connector
	size  int           // statements kept per connection; 0 keeps none
	count *atomic.Int64 // statements run, for Store.Statements; nil counts none
}

func newSQLiteConnector(dsn string, size int, count *atomic.Int64) (driver.Connector, error) {
	inner, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sqliteConnector{inner: inner, size: size, count: count}, nil
}

func (c sqliteConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil || c.size <= 0 {
		return conn, err
	}
	inner, ok := conn.(sqliteConn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("sqlite connection %T lacks the context methods the statement cache forwards", conn)
	}
	return &stmtCacheConn{sqliteConn: inner, size: c.size, count: c.count, byQuery: map[string]*list.Element{}, lru: list.New()}, nil
}

func (c sqliteConnector) Driver() driver.Driver { return c.inner.Driver() }

// sqliteConn is what every modernc connection implements and the cache
// forwards; hiding one of these would make database/sql fall back to the
// context-free methods (see sqlite.NewConnector).
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachedStmt is a prepared statement kept by a connection; rows, when not
// nil, is the open result read from it, during which the statement cannot
// run again (SQLite would refuse to bind it).
type cachedStmt struct {
	query string
	stmt  sqliteStmt
	rows  *cachedRows
}

type sqliteStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

// stmtCacheConn runs Exec and Query on statements it prepared before,
// keeping the size most recently used ones by their SQL text. A statement
// busy with open rows is not run a second time: a query nested in the
// reading of the same query (in a transaction) gets a fresh, uncached
// statement instead. Scripts and statements other than SELECT, INSERT,
// UPDATE, DELETE and WITH (migrations, PRAGMAs, VACUUM) are never kept.
//
// No lock: database/sql uses a connection from one goroutine at a time and
// holds its lock around every driver call, the closing of rows included.
//
// Schema changes need nothing here: modernc prepares with
// sqlite3_prepare_v2, so a kept statement whose schema changed is prepared
// again by SQLite on its next step.
type stmtCacheConn struct {
	sqliteConn
	size     int
	count    *atomic.Int64            // statements run (Store.Statements), or nil
	byQuery  map[string]*list.Element // of *cachedStmt
	lru      *list.List               // most recently used first
	prepares int                      // statements prepared to be kept, for tests
}

var (
	_ sqliteConn    = (*stmtCacheConn)(nil)
	_ driver.Rows   = (*cachedRows)(nil)
	_ sqliteRowsAll = (*cachedRows)(nil)
)

// Unwrap lets modernc's helpers (sqlite.Limit) reach the connection.
func (c *stmtCacheConn) Unwrap() driver.Conn { return c.sqliteConn }

func (c *stmtCacheConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.counted(ctx)
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	// modernc resets the statement after every run, failed or not.
	return s.stmt.ExecContext(ctx, args)
}

func (c *stmtCacheConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.counted(ctx)
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	rows, err := s.stmt.QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	all, ok := rows.(sqliteRowsAll)
	if !ok {
		rows.Close()
		return nil, fmt.Errorf("sqlite rows %T lack the column type methods the statement cache forwards", rows)
	}
	s.rows = &cachedRows{sqliteRowsAll: all, s: s}
	return s.rows, nil
}

// counted adds one statement to the store's count, unless ctx says
// it is a poll (uncounted).
func (c *stmtCacheConn) counted(ctx context.Context) {
	if c.count != nil && ctx.Value(uncountedKey{}) == nil {
		c.count.Add(1)
	}
}

// stmt returns the idle kept statement for query, preparing and keeping it
// when there is none, or nil when query is not to be kept or its statement
// is busy with open rows.
func (c *stmtCacheConn) stmt(ctx context.Context, query string) (*cachedStmt, error) {
	if e, ok := c.byQuery[query]; ok {
		s := e.Value.(*cachedStmt)
		if s.rows != nil {
			return nil, nil
		}
		c.lru.MoveToFront(e)
		return s, nil
	}
	if !cacheable(query) {
		return nil, nil
	}
	ds, err := c.sqliteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(sqliteStmt)
	if !ok {
		ds.Close()
		return nil, nil
	}
	c.prepares++
	s := &cachedStmt{query: query, stmt: st}
	c.byQuery[query] = c.lru.PushFront(s)
	c.evict()
	return s, nil
}

// evict closes the least recently used idle statements beyond size. Busy
// ones stay (the cache grows past size only while more statements than
// size have open rows at once), and so does the newest, which the caller
// is about to run.
func (c *stmtCacheConn) evict() {
	for e := c.lru.Back(); e != nil && e != c.lru.Front() && c.lru.Len() > c.size; {
		prev := e.Prev()
		if s := e.Value.(*cachedStmt); s.rows == nil {
			c.lru.Remove(e)
			delete(c.byQuery, s.query)
			s.stmt.Close() // an error finalizing a reset statement leaves nothing to undo
		}
		e = prev
	}
}

// Close closes the kept statements and then the connection: sqlite3_close_v2
// would otherwise keep a connection with unfinalized statements alive as a
// zombie, never freed.
func (c *stmtCacheConn) Close() error {
	err := c.closeStmts()
	return errors.Join(err, c.sqliteConn.Close())
}

// closeStmts closes the kept statements, and the rows still open on them.
func (c *stmtCacheConn) closeStmts() error {
	var errs []error
	for e := c.lru.Front(); e != nil; e = e.Next() {
		s := e.Value.(*cachedStmt)
		if s.rows != nil {
			errs = append(errs, s.rows.Close())
		}
		errs = append(errs, s.stmt.Close())
	}
	c.lru.Init()
	clear(c.byQuery)
	return errors.Join(errs...)
}

// cacheable reports whether query is one statement worth keeping: a
// SELECT, INSERT, UPDATE, DELETE or WITH without a semicolon (a script,
// which modernc runs by parsing each time anyway) and not overly long.
func cacheable(query string) bool {
	if len(query) > maxCachedQuery || strings.IndexByte(query, ';') >= 0 {
		return false
	}
	q := strings.TrimLeft(query, " \t\r\n")
	end := strings.IndexAny(q, " \t\r\n(")
	if end < 0 {
		end = len(q)
	}
	switch strings.ToUpper(q[:end]) {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "WITH":
		return true
	}
	return false
}

// sqliteRowsAll is what modernc's rows implement and cachedRows forwards.
type sqliteRowsAll interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

// cachedRows are rows read from a kept statement; closing them (which
// modernc does by resetting the statement) makes the statement idle.
type cachedRows struct {
	sqliteRowsAll
	s *cachedStmt // nil once closed
}

func (r *cachedRows) Close() error {
	if r.s == nil {
		return nil
	}
	r.s.rows, r.s = nil, nil
	return r.sqliteRowsAll.Close()
}

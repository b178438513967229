package catalog

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	neturl "net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgConnector opens pgx connections whose every query has its portable `?`
// placeholders numbered for PostgreSQL first, so the catalog's SQL text is
// written once for both dialects.
type pgConnector struct {
	inner driver.Connector
	count *atomic.Int64 // statements run, for Store.Statements; nil counts none
}

func newPGConnector(url string, answerWait time.Duration, count *atomic.Int64) (driver.Connector, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database URL: %w", err)
	}
	if !connectTimeoutSet(url) { // the URL's or PGCONNECT_TIMEOUT's, 0 (wait for ever) included, wins
		cfg.ConnectTimeout = pgConnectTimeout
	}
	cfg.DialFunc = answerBoundDial(pgDialer(cfg.ConnectTimeout).DialContext, answerWait)
	return pgConnector{inner: stdlib.GetConnector(*cfg), count: count}, nil
}

// connectTimeoutSet reports whether the database URL (or key=value
// connection string) or the environment (PGCONNECT_TIMEOUT) sets the
// connect timeout.
func connectTimeoutSet(dsn string) bool {
	if _, set := os.LookupEnv("PGCONNECT_TIMEOUT"); set {
		return true
	}
	if u, err := neturl.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		return u.Query().Has("connect_timeout")
	}
	return dsnKey.MatchString(dsn)
}

// dsnKey finds connect_timeout among a key=value connection string's keys.
var dsnKey = regexp.MustCompile(`(^|\s)connect_timeout\s*=`)

// A database server that vanishes without closing its connections (its
// machine lost, a failover that moves its address, a route that drops
// packets) leaves a query waiting on a connection nothing will ever
// answer: with pgx's defaults (keepalive after 5 minutes, nine probes 5
// minutes apart) for most of an hour, a pipeline worker and every request
// behind it. A connection without an answer to a probe for pgDeadAfter is
// ended, and the query fails as "out of reach" (EUNAVAILABLE). A server
// that is only slow still answers probes: a long query is not cut by
// them (a hung server process is, by pgAnswerWait).
const (
	pgConnectTimeout = 10 * time.Second
	pgKeepIdle       = 15 * time.Second
	pgKeepInterval   = 5 * time.Second
	pgKeepCount      = 3
	// pgDeadAfter also bounds how long sent data may wait for the
	// server's acknowledgement (TCP_USER_TIMEOUT, where the system has it).
	pgDeadAfter = pgKeepIdle + pgKeepCount*pgKeepInterval
)

func pgDialer(timeout time.Duration) *net.Dialer {
	return &net.Dialer{
		Timeout:         timeout,
		KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: pgKeepIdle, Interval: pgKeepInterval, Count: pgKeepCount},
		Control:         limitUnacknowledged(pgDeadAfter),
	}
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err // the caller's own time ran out: the database may be fine
		}
		return nil, outOfReach(err)
	}
	return &pgConn{Conn: conn.(*stdlib.Conn), count: c.count}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection that numbers placeholders on the way in.
type pgConn struct {
	*stdlib.Conn
	count *atomic.Int64 // statements run (Store.Statements), or nil
}

// counted adds one statement to the store's count, unless ctx says
// it is a poll (uncounted).
func (c *pgConn) counted(ctx context.Context) {
	if c.count != nil && ctx.Value(uncountedKey{}) == nil {
		c.count.Add(1)
	}
}

var (
	_ driver.ExecerContext      = (*pgConn)(nil)
	_ driver.QueryerContext     = (*pgConn)(nil)
	_ driver.ConnPrepareContext = (*pgConn)(nil)
	_ driver.ConnBeginTx        = (*pgConn)(nil)
	_ driver.NamedValueChecker  = (*pgConn)(nil)
	_ driver.SessionResetter    = (*pgConn)(nil)
	_ driver.Pinger             = (*pgConn)(nil)
)

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(numberPlaceholders(query))
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, numberPlaceholders(query))
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.counted(ctx)
	res, err := c.Conn.ExecContext(ctx, numberPlaceholders(query), args)
	return res, outOfReach(err)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.counted(ctx)
	rows, err := c.Conn.QueryContext(ctx, numberPlaceholders(query), args)
	return rows, outOfReach(err)
}

func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.Conn.BeginTx(ctx, opts)
	return tx, outOfReach(err)
}

// outOfReach marks an error that says the database server is out of reach
// (connection refused or cut, the server shutting down or starting) as
// EUNAVAILABLE, so that a request answers "try again later" (503) instead
// of an internal error while PostgreSQL restarts. The driver's error stays
// in the chain: database/sql looks for driver.ErrBadConn in it to retry on
// another connection.
func outOfReach(err error) error {
	if err == nil || !connectionLost(err) {
		return err
	}
	return fmt.Errorf("%w: %w", Errorf(EUNAVAILABLE, "无法连接目录数据库，请稍后重试"), err)
}

func connectionLost(err error) bool {
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		// Connecting failed, its own timeout (connect_timeout) included,
		// which pgconn reports as the context's deadline; Connect has
		// told a caller's own deadline apart.
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return false // the caller's own time ran out: the database may be fine
	}
	var netErr net.Error
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr):
		// Class 08 is connection exceptions; 57P01-03 are the server
		// shutting down or not yet accepting connections.
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	case errors.As(err, &netErr):
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, driver.ErrBadConn)
}

// CheckNamedValue passes Go booleans as 0 and 1: the catalog keeps flags in
// INTEGER columns, as SQLite, which has no boolean type, stores them.
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		nv.Value = int64(0)
		if b {
			nv.Value = int64(1)
		}
		return nil
	}
	return c.Conn.CheckNamedValue(nv)
}

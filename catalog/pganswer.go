package catalog

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"
)

// pgAnswerWait bounds how long a query waits for the database server's
// next byte. Keepalive (pgDeadAfter) ends a connection to a machine that
// is gone, but a server process that hangs on a live machine (its disk
// stalled, the process stopped, a failover that left the old primary
// frozen) still has its kernel acknowledge every probe, and a query on it
// would wait for ever: a pipeline worker, a lease renewal, the index
// follower, each request behind them. No query of this catalog is silent
// for minutes — the longest wait is a write behind another node's lock;
// migrations, which may be, run on connections of their own without this
// bound (migratePostgres) — so a connection silent this long while a
// query waits is taken for a hung server and ended, the query failing as
// out of reach.
const pgAnswerWait = 5 * time.Minute

// answerBoundDial wraps a dial so that every connection it makes bounds its
// reads by wait; 0 leaves them unbounded (migrations).
func answerBoundDial(dial func(ctx context.Context, network, addr string) (net.Conn, error), wait time.Duration) func(ctx context.Context, network, addr string) (net.Conn, error) {
	if wait <= 0 {
		return dial
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &answerBoundConn{Conn: c, wait: wait}, nil
	}
}

// answerBoundConn gives each read a deadline of wait from its start, or the
// deadline pgx set when that is sooner: pgx ends a cancelled query by
// setting a deadline, which must keep working.
type answerBoundConn struct {
	net.Conn
	wait time.Duration

	mu  sync.Mutex
	set time.Time // the read deadline pgx last asked for; zero for none
}

func (c *answerBoundConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	c.set = t
	c.mu.Unlock()
	return c.Conn.SetDeadline(t)
}

func (c *answerBoundConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	c.set = t
	c.mu.Unlock()
	return c.Conn.SetReadDeadline(t)
}

func (c *answerBoundConn) Read(b []byte) (int, error) {
	start := time.Now()
	bound := start.Add(c.wait)
	c.mu.Lock()
	set := c.set
	ours := set.IsZero() || set.After(bound)
	if ours {
		// Set under the lock, so that a deadline pgx sets meanwhile is
		// not overwritten by ours.
		if err := c.Conn.SetReadDeadline(bound); err != nil {
			c.mu.Unlock()
			return 0, err
		}
	}
	c.mu.Unlock()
	n, err := c.Conn.Read(b)
	if err != nil && ours && isTimeout(err) {
		c.mu.Lock()
		mine := c.set.Equal(set) // pgx set no deadline of its own during the read
		c.mu.Unlock()
		if mine {
			c.Conn.Close()
			return n, &noAnswerError{waited: time.Since(start), err: err}
		}
	}
	return n, err
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// noAnswerError is a read given up on for want of an answer; a net.Error,
// so that the query counts as out of reach (connectionLost).
type noAnswerError struct {
	waited time.Duration
	err    error
}

func (e *noAnswerError) Error() string {
	return fmt.Sprintf("the database server sent nothing for %s while a query waited: taken for hung", e.waited.Round(time.Second))
}
func (e *noAnswerError) Unwrap() error   { return e.err }
func (e *noAnswerError) Timeout() bool   { return true }
func (e *noAnswerError) Temporary() bool { return false }

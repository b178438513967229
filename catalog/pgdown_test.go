package catalog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/faultproxy"
	"github.com/lcmonitor/evidence/internal/pgtest"
)

// TestUnreachableDatabaseIsUnavailable: with the PostgreSQL server out of
// reach, a read answers EUNAVAILABLE ("try again later", 503 at the HTTP
// edge) instead of an internal error, and reads work again once the server
// is back, on the same Store.
func TestUnreachableDatabaseIsUnavailable(t *testing.T) {
	ctx := context.Background()
	target, err := url.Parse(pgtest.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := faultproxy.Start(t, target.Host)
	viaProxy := *target
	viaProxy.Host = proxy.Addr
	s, err := OpenPostgres(ctx, viaProxy.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Cities(ctx); err != nil {
		t.Fatalf("cities with the database in reach: %v", err)
	}

	proxy.Down()
	for i := range 3 { // pooled connections cut, then new ones refused
		_, err := s.Cities(ctx)
		if code := ErrorCode(err); code != EUNAVAILABLE {
			t.Fatalf("read %d with the database out of reach: code %s (%v), want EUNAVAILABLE", i, code, err)
		}
		if msg := ErrorMessage(err); msg == "" || !strings.Contains(msg, "目录数据库") {
			t.Errorf("message %q does not say the catalog database is out of reach", msg)
		}
	}

	proxy.Up(t)
	if _, err := s.Cities(ctx); err != nil {
		t.Errorf("cities once the database is back: %v", err)
	}
}

// TestHungDatabaseIsUnavailable: a database server that takes the query
// and answers nothing (a hung process on a live machine, which keepalive
// cannot tell from a busy one) fails the query as out of reach once it has
// been silent for the answer wait, instead of holding it for ever; a
// query the caller cancels still ends at once; and queries work again once
// the server answers.
func TestHungDatabaseIsUnavailable(t *testing.T) {
	ctx := context.Background()
	target, err := url.Parse(pgtest.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := faultproxy.Start(t, target.Host)
	viaProxy := *target
	viaProxy.Host = proxy.Addr
	const wait = 2 * time.Second
	s, err := openPostgres(ctx, viaProxy.String(), wait)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Cities(ctx); err != nil {
		t.Fatalf("cities with the database answering: %v", err)
	}
	// A slow answer within the wait is not cut.
	if _, err := s.db.ExecContext(ctx, "SELECT pg_sleep(1)"); err != nil {
		t.Fatalf("a query answered within the wait: %v", err)
	}

	proxy.Stall()
	start := time.Now() // on the connection already open
	_, err = s.Cities(ctx)
	took := time.Since(start)
	if code := ErrorCode(err); code != EUNAVAILABLE {
		t.Fatalf("a query on a hung server: code %s (%v), want EUNAVAILABLE", code, err)
	}
	// Not before the wait; "for ever" is bounded by a minute, which a
	// loaded machine does not reach.
	if took < wait || took > wait+time.Minute {
		t.Errorf("a query on a hung server failed after %s, want about %s", took, wait)
	}
	// The caller's deadline, ten times shorter than the wait, ends the
	// query with its own error, not the wait's EUNAVAILABLE.
	cancelled, cancel := context.WithTimeout(ctx, wait/10)
	start = time.Now()
	_, err = s.Cities(cancelled)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) || ErrorCode(err) == EUNAVAILABLE {
		t.Fatalf("a cancelled query on a hung server: %v after %s, want its own deadline's error at once", err, time.Since(start))
	}

	proxy.Down() // the held connections cut
	proxy.Resume()
	proxy.Up(t)
	if _, err := s.Cities(ctx); err != nil {
		t.Errorf("cities once the database answers again: %v", err)
	}
}

// TestStartingWhileAnotherNodeMigratesWaits: a node starting while another
// holds the migration lock longer than the answer wait waits for it, as
// migrations run without that bound, instead of failing its start.
func TestStartingWhileAnotherNodeMigratesWaits(t *testing.T) {
	ctx := context.Background()
	url := pgtest.DatabaseURL(t)
	first, err := OpenPostgres(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	conn, err := first.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", lockMigrate); err != nil {
		t.Fatal(err)
	}
	const wait = 300 * time.Millisecond
	logged := &lockedWriter{w: &strings.Builder{}}
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(logged, nil)))
	defer func(w time.Duration) { migrationLockWait = w }(migrationLockWait)
	migrationLockWait = wait
	// The other node lets go once the starting one said twice that it
	// waits (several answer waits, however slow the machine), or after a
	// minute should it never say so.
	var letGo atomic.Bool
	go func() {
		for deadline := time.Now().Add(time.Minute); strings.Count(logged.String(), "waiting for a lock") < 2 && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		letGo.Store(true)
		conn.ExecContext(ctx, "SELECT pg_advisory_unlock(?)", lockMigrate)
	}()
	second, err := openPostgres(ctx, url, wait)
	if err != nil {
		t.Fatalf("starting while another node held the migration lock for several waits of %s: %v", wait, err)
	}
	defer second.Close()
	if !letGo.Load() {
		t.Errorf("started before the lock was let go")
	}
	// The wait is said in the log, so that a start held by a hung node
	// says why.
	if n := strings.Count(logged.String(), "waiting for a lock"); n < 2 {
		t.Errorf("the start waited for the lock and said so %d times: %s", n, logged.String())
	}
}

// lockedWriter lets the log be written from any goroutine.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// String is what was written, when w is a *strings.Builder.
func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprint(l.w)
}

// TestOpenPostgresSaysWhatToCheck: a catalog database that cannot be
// opened is named (server and database, never the password) with what to
// check, in the words of the case.
func TestOpenPostgresSaysWhatToCheck(t *testing.T) {
	target, err := url.Parse(pgtest.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := ln.Addr().String()
	ln.Close()
	unreachable := *target
	unreachable.Host = closedPort
	unreachable.User = url.UserPassword("evidence", "s3cret-pw")
	missing := *target
	missing.Path = "/no_such_database"

	tests := []struct {
		name, url, code string
		want            []string
	}{
		{"server out of reach", unreachable.String(), EUNAVAILABLE, []string{closedPort, "PostgreSQL 正在运行"}},
		{"no such database", missing.String(), EINVALID, []string{"no_such_database", "createdb"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := OpenPostgres(context.Background(), tc.url)
			msg := ErrorMessage(err)
			if ErrorCode(err) != tc.code {
				t.Errorf("code %s (%v), want %s", ErrorCode(err), err, tc.code)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not say %q", msg, w)
				}
			}
			if strings.Contains(msg, "s3cret-pw") {
				t.Errorf("message %q shows the password", msg)
			}
		})
	}
}

// TestACallersTimeoutIsNotTheDatabaseOutOfReach: a query whose context
// ends is that caller's timeout, not a database to call unreachable.
func TestACallersTimeoutIsNotTheDatabaseOutOfReach(t *testing.T) {
	for _, err := range []error{context.DeadlineExceeded, context.Canceled, fmt.Errorf("query: %w", context.DeadlineExceeded)} {
		if connectionLost(err) {
			t.Errorf("%v taken for a lost connection", err)
		}
	}
	if !connectionLost(io.ErrUnexpectedEOF) {
		t.Errorf("a cut connection not taken for one")
	}
}

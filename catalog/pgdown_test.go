package catalog

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"

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

package catalog

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestCatalogConnectionsNoticeAVanishedServer: a connection to the catalog
// database asks the server for a sign of life after 15 s of silence and
// gives up after three unanswered probes 5 s apart, or when what it sent
// has gone unacknowledged as long (a server machine lost, a failover that
// moved its address), instead of the system's defaults of most of an hour.
func TestCatalogConnectionsNoticeAVanishedServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			defer c.Close()
			time.Sleep(time.Second)
		}
	}()
	conn, err := pgDialer(time.Second).DialContext(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	raw, err := conn.(*net.TCPConn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	opts := []struct {
		name       string
		level, opt int
		want       int
	}{
		{"SO_KEEPALIVE", unix.SOL_SOCKET, unix.SO_KEEPALIVE, 1},
		{"TCP_KEEPIDLE (s)", unix.IPPROTO_TCP, unix.TCP_KEEPIDLE, 15},
		{"TCP_KEEPINTVL (s)", unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, 5},
		{"TCP_KEEPCNT", unix.IPPROTO_TCP, unix.TCP_KEEPCNT, 3},
		{"TCP_USER_TIMEOUT (ms)", unix.IPPROTO_TCP, unix.TCP_USER_TIMEOUT, 30_000},
	}
	if err := raw.Control(func(fd uintptr) {
		for _, o := range opts {
			v, err := unix.GetsockoptInt(int(fd), o.level, o.opt)
			if err != nil {
				t.Errorf("%s: %v", o.name, err)
			}
			got[o.name] = v
		}
	}); err != nil {
		t.Fatal(err)
	}
	for _, o := range opts {
		if got[o.name] != o.want {
			t.Errorf("%s = %d, want %d", o.name, got[o.name], o.want)
		}
	}
}

// TestConnectingToAHungServerIsOutOfReach: a server that takes the
// connection and never answers (hung, or a route that drops packets) is
// given up after the connect timeout, and said to be out of reach (503,
// naming the server at start-up), not an internal error.
func TestConnectingToAHungServerIsOutOfReach(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	held := make(chan net.Conn, 8)
	defer func() {
		ln.Close()
		for len(held) > 0 {
			(<-held).Close()
		}
	}()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			select {
			case held <- c: // held open, never answered
			default:
				c.Close()
			}
		}
	}()
	url := "postgres://evidence:secret@" + ln.Addr().String() + "/evidence?sslmode=disable&connect_timeout=1"
	conn, err := newPGConnector(url, pgAnswerWait, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = conn.Connect(context.Background())
	if code := ErrorCode(err); code != EUNAVAILABLE {
		t.Fatalf("connecting to a hung server: %v (code %s), want EUNAVAILABLE", err, code)
	}
	// A minute: far past connect_timeout on a loaded machine, far short
	// of the answer wait (pgAnswerWait) that would end it otherwise.
	if took := time.Since(start); took > time.Minute {
		t.Errorf("connecting to a hung server took %s with connect_timeout=1", took)
	}
	msg := ErrorMessage(startupError(url, err))
	if !strings.Contains(msg, ln.Addr().String()) || strings.Contains(msg, "secret") {
		t.Errorf("start-up message %q should name the server, never the password", msg)
	}
}

func TestConnectTimeoutSetByTheURLOrTheEnvironment(t *testing.T) {
	for _, tt := range []struct {
		dsn  string
		env  string
		want bool
	}{
		{"postgres://u:p@db:5432/evidence", "", false},
		{"postgres://u:p@db:5432/evidence?connect_timeout=0", "", true},
		{"postgresql://u:connect_timeout@db/evidence", "", false}, // a password is no setting
		{"host=db dbname=evidence connect_timeout=3", "", true},
		{"host=db dbname=connect_timeout", "", false},
		{"postgres://u:p@db:5432/evidence", "7", true},
	} {
		if tt.env != "" {
			t.Setenv("PGCONNECT_TIMEOUT", tt.env)
		}
		if got := connectTimeoutSet(tt.dsn); got != tt.want {
			t.Errorf("connectTimeoutSet(%q) with PGCONNECT_TIMEOUT=%q = %v, want %v", tt.dsn, tt.env, got, tt.want)
		}
	}
}

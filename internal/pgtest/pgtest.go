// Package pgtest starts a throwaway PostgreSQL cluster for tests: initdb
// and pg_ctl from Debian's postgresql package on a temporary folder, a free
// loopback port and its own socket folder, started once per test binary
// and shared by its tests, each of which gets a fresh database.
//
// A test package calls Main from its TestMain and DatabaseURL from a test;
// the benchmark's several-nodes figures (bench/nodes.go) call Start, Stop
// and NewDatabase themselves.
// Without PostgreSQL a test skips with the reason, and fails when CI=true.
// EVIDENCE_TEST_POSTGRES=postgres://…/postgres makes the tests create their
// databases on that server instead of starting one.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// Server is a running throwaway cluster.
type Server struct {
	dir        string // data, socket and log
	bin        string // initdb, pg_ctl
	port       int
	asPostgres func(*exec.Cmd) // runs a command as the postgres user when run as root; nil otherwise
	dbs        atomic.Int64

	// adminURL, when set, names an existing server's maintenance
	// database (EVIDENCE_TEST_POSTGRES); external servers are not stopped.
	adminURL string
	external bool
}

var (
	once     sync.Once
	shared   *Server
	startErr error
)

// Main runs the package's tests and stops the shared cluster, if one was
// started, before returning their exit code.
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	return code
}

// DatabaseURL starts the shared cluster on first use and returns the URL of
// a new empty database on it. Without PostgreSQL it skips t, or fails it
// when CI=true.
func DatabaseURL(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		if url := os.Getenv("EVIDENCE_TEST_POSTGRES"); url != "" {
			shared = &Server{adminURL: url, external: true}
			return
		}
		shared, startErr = Start()
	})
	if startErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL is required under CI=true: %v", startErr)
		}
		t.Skipf("no PostgreSQL server here (apt-get install postgresql): %v", startErr)
	}
	url, err := shared.NewDatabase()
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	return url
}

// StartOwn starts a cluster of t's own, one the test may stop under the
// code it tests (an outage), and returns it with the URL of a new empty
// database on it; the cluster stops when t ends. Without PostgreSQL it
// skips t, or fails it when CI=true, as DatabaseURL does.
func StartOwn(t testing.TB) (*Server, string) {
	t.Helper()
	pg, err := Start()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL is required under CI=true: %v", err)
		}
		t.Skipf("no PostgreSQL server here (apt-get install postgresql): %v", err)
	}
	t.Cleanup(pg.Stop)
	url, err := pg.NewDatabase()
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	return pg, url
}

// findBin returns the folder of the newest installed PostgreSQL's programs.
func findBin() (string, error) {
	if dir := os.Getenv("EVIDENCE_PG_BIN"); dir != "" {
		return dir, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(matches) == 0 {
		if p, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
		return "", fmt.Errorf("pg_ctl not found under /usr/lib/postgresql/*/bin or on PATH")
	}
	return filepath.Dir(matches[len(matches)-1]), nil
}

// Start initialises and starts a cluster on a temporary folder.
func Start() (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "evidence-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin}
	if os.Geteuid() == 0 { // initdb refuses to run as root
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		s.asPostgres = func(cmd *exec.Cmd) { runAs(cmd, uid, gid) }
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if s.port, err = freePort(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.run("initdb", "-D", s.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
		"--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "+
		"-c full_page_writes=off -c max_connections=200", s.port, dir)
	if err := s.run("pg_ctl", "-D", s.data(), "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return s, nil
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

func (s *Server) run(prog string, args ...string) error {
	cmd := exec.Command(filepath.Join(s.bin, prog), args...)
	cmd.Dir = s.dir
	if s.asPostgres != nil {
		s.asPostgres(cmd)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w\n%s", prog, err, out)
	}
	return nil
}

// URL returns the URL of database name on the cluster.
func (s *Server) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, name)
}

// NewDatabase creates an empty database and returns its URL.
func (s *Server) NewDatabase() (string, error) {
	name := fmt.Sprintf("evidence_test_%d_%d", os.Getpid(), s.dbs.Add(1))
	admin := s.adminURL
	if admin == "" {
		admin = s.URL("postgres")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return "", err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	if s.external {
		u, err := url.Parse(admin)
		if err != nil {
			return "", err
		}
		u.Path = "/" + name
		return u.String(), nil
	}
	return s.URL(name), nil
}

// Stop stops the cluster and removes its folder.
func (s *Server) Stop() {
	if s.external {
		return
	}
	s.run("pg_ctl", "-D", s.data(), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.dir)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// CopyDatabase makes a new database holding what the database at dbURL
// (one DatabaseURL gave) holds now, as pg_dump and pg_restore into a new
// database would, and returns its URL: a test restores a catalog to an
// earlier state by going on with the copy. Nothing may be connected to
// the database at dbURL meanwhile (PostgreSQL copies it as a template).
func CopyDatabase(t testing.TB, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("copy database %s: %v", dbURL, err)
	}
	from := u.Path[1:]
	to := fmt.Sprintf("%s_copy_%d", from, shared.dbs.Add(1))
	u.Path = "/postgres"
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatalf("copy database %s: %v", from, err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+to+" TEMPLATE "+from); err != nil {
		t.Fatalf("copy database %s: %v", from, err)
	}
	u.Path = "/" + to
	return u.String()
}

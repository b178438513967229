package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// holdCatalogLock is another program holding the catalog: it takes
// SQLite's exclusive lock on the file at path (as sqlite3 with
// `PRAGMA locking_mode=EXCLUSIVE` and an open write would), says "locked"
// and keeps it until its stdin closes.
func holdCatalogLock(path string) int {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "BEGIN EXCLUSIVE")
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, "CREATE TABLE lock_holder (x)")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("locked")
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// TestSecondServeOnSameData starts a second `evidence serve` on the data
// folder of a running one: it must stop at start-up, within seconds, and
// say in Chinese and English what is wrong and what to do.
func TestSecondServeOnSameData(t *testing.T) {
	first := startServer(t, "")
	start := time.Now()
	c, err := spawnServe(t, first.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("a second serve on the same data folder is still running after 30s (listening on %q)", c.base)
	}
	msg := c.stderr.String()
	t.Logf("second serve stopped after %s: %s", time.Since(start).Round(time.Millisecond), msg)
	if c.base != "" || c.err == nil {
		t.Errorf("second serve listened on %q and exited with %v, want a start-up failure", c.base, c.err)
	}
	for _, want := range []string{"evidence serve", "另一个", "another", "--data"} {
		if !strings.Contains(msg, want) {
			t.Errorf("start-up error %q does not say %q", msg, want)
		}
	}
	if _, body := first.get("/api/v1/documents", nil); body["documents"] == nil {
		t.Errorf("the first server stopped answering: %v", body)
	}
}

// TestCatalogLockedByAnotherProcess starts serve while another process
// holds an exclusive lock on catalog.db: serve must give up with an error
// naming the file and what to do, not hang or print a driver code.
func TestCatalogLockedByAnotherProcess(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "data")
	addUser(t, dataDir, "--name", "admin", "--role", "admin")
	holder := exec.Command(os.Args[0], "hold-catalog-lock", filepath.Join(dataDir, "catalog.db"))
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	holder.Stderr = os.Stderr
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); holder.Wait() }()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "locked\n" {
		t.Fatalf("lock holder said %q", line)
	}

	start := time.Now()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	err = runServe(ctx, []string{"--addr", "127.0.0.1:0", "--data", dataDir}, io.Discard, io.Discard,
		quietLogger(io.Discard), func(addr string) { t.Errorf("serve listened on %s with the catalog locked", addr) })
	took := time.Since(start)
	if err == nil {
		t.Fatal("serve started with the catalog locked by another process")
	}
	msg := describe(err)
	t.Logf("serve gave up after %s: %s", took.Round(time.Millisecond), msg)
	for _, want := range []string{"catalog.db", "另一个进程", "another process", "sqlite3"} {
		if !strings.Contains(msg, want) {
			t.Errorf("start-up error %q does not say %q", msg, want)
		}
	}
	if took > 30*time.Second {
		t.Errorf("serve took %s to give up, want seconds", took)
	}
}

// TestServeSaysAnAddressInUseBeforeLoading: an address another program
// holds is refused with what to do, before the data folder is touched.
func TestServeSaysAnAddressInUseBeforeLoading(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	data := filepath.Join(t.TempDir(), "data")
	var out bytes.Buffer
	err = runServe(t.Context(), []string{"--data", data, "--addr", held.Addr().String()}, &out, io.Discard,
		quietLogger(io.Discard), func(addr string) { t.Errorf("serve listened on %s, which another program holds", addr) })
	if err == nil || !strings.Contains(catalog.ErrorMessage(err), "已被占用") || !strings.Contains(catalog.ErrorMessage(err), "--addr") {
		t.Fatalf("serve on an address in use: %v, want it said in use with --addr as the way out", err)
	}
	if _, err := os.Stat(data); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the data folder was made before the address was found taken (%v)", err)
	}
}

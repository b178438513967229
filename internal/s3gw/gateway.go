// Package s3gw starts a Versity S3 Gateway on loopback for tests: the real
// S3 server the blob store and the end-to-end tests run against.
package s3gw

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"testing"
)

// ErrNotInstalled means the versitygw binary is not installed; only then may a
// local run skip the S3 tests.
var ErrNotInstalled = errors.New("versitygw not found in $PATH or $(go env GOPATH)/bin; install it with scripts/versitygw.sh")

// Credentials of every gateway started here.
const (
	AccessKey = "blobtest-access"
	SecretKey = "blobtest-secret-key"
)

// Gateway is a Versity S3 Gateway serving a temporary folder, started by
// this test binary and owned by it.
type Gateway struct {
	Addr   string
	dir    string
	cmd    *exec.Cmd
	exited chan struct{}
	output bytes.Buffer
}

// findGateway looks where `go install` puts binaries (GOBIN, else the first
// GOPATH entry's bin) as well as in $PATH, because those folders are often
// not on the PATH of a CI shell.
func findGateway() (string, error) {
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output()
	if err != nil {
		return "", ErrNotInstalled
	}
	// One line each, GOBIN first; it is usually empty, so do not trim yet.
	gobin, gopath, _ := strings.Cut(string(out), "\n")
	dirs := []string{strings.TrimSpace(gobin)}
	for _, p := range filepath.SplitList(strings.TrimSpace(gopath)) {
		dirs = append(dirs, filepath.Join(p, "bin"))
	}
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, "versitygw")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", ErrNotInstalled
}

// startGateway runs versitygw on a free loopback port. The port is picked by
// listening and closing, which another process could grab in between, so a
// start that fails is retried on a new port.
// Start runs versitygw on a free loopback port with a new temporary folder;
// ErrNotInstalled when the binary is missing.
func Start() (*Gateway, error) {
	bin, err := findGateway()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "blobtest-versitygw-")
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		g, err := launch(bin, dir)
		if err == nil || attempt == 2 {
			if err != nil {
				os.RemoveAll(dir)
			}
			return g, err
		}
	}
}

func launch(bin, dir string) (*Gateway, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	return launchOn(bin, dir, addr)
}

func launchOn(bin, dir, addr string) (*Gateway, error) {
	g := &Gateway{Addr: addr, dir: dir, exited: make(chan struct{})}
	g.cmd = exec.Command(bin, "--port", addr, "--access", AccessKey, "--secret", SecretKey,
		"--quiet", "posix", dir)
	g.cmd.Stdout = &g.output
	g.cmd.Stderr = &g.output
	if err := g.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() { g.cmd.Wait(); close(g.exited) }()
	if err := g.waitReady(15 * time.Second); err != nil {
		g.Stop()
		return nil, fmt.Errorf("versitygw on %s: %w; output:\n%s", addr, err, g.output.String())
	}
	return g, nil
}

// waitReady polls until the gateway answers HTTP at all; any status, even
// 403 for the unsigned probe, means it is serving.
func (g *Gateway) waitReady(limit time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-g.exited:
			return errors.New("exited during start-up")
		default:
		}
		if resp, err := client.Get("http://" + g.Addr + "/"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("no answer within %s", limit)
}

// Restart starts a stopped gateway again on the same address and folder,
// with what it held: the S3 service coming back after an outage.
func (g *Gateway) Restart() error {
	select {
	case <-g.exited:
	default:
		return errors.New("restart: the gateway is still running")
	}
	bin, err := findGateway()
	if err != nil {
		return err
	}
	ng, err := launchOn(bin, g.dir, g.Addr)
	if err != nil {
		return fmt.Errorf("restart: %w", err)
	}
	g.cmd, g.exited = ng.cmd, ng.exited
	return nil
}

// Stop kills the gateway process this test started and waits for it.
func (g *Gateway) Stop() {
	select {
	case <-g.exited:
		return
	default:
	}
	g.cmd.Process.Kill()
	<-g.exited
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// Close stops the gateway and removes its folder.
func (g *Gateway) Close() {
	g.Stop()
	os.RemoveAll(g.dir)
}

// Require ends a test that could not start a gateway: a skip on a
// developer's machine without versitygw, a failure in CI (CI=true) or for
// any other reason, so a missing server never hides as a skip there.
func Require(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, ErrNotInstalled) && os.Getenv("CI") != "true" {
		t.Skipf("this test needs an S3 server: %v; in CI this fails", err)
	}
	t.Fatalf("S3 test server: %v", err)
}

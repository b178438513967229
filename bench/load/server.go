package load

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Server is `evidence serve` started by this program on a data folder of
// its own, as in production: a process of the evidence binary.
type Server struct {
	URL   string
	Token string // of an admin account created for the run
	cmd   *exec.Cmd
	done  chan error
	log   *os.File
}

// StartServer creates an admin account on dataDir with `evidence user
// add`, starts `evidence serve` on a free loopback port with its output
// in logPath, and waits until /healthz answers.
func StartServer(ctx context.Context, exe, dataDir, logPath string) (*Server, error) {
	token, err := createAdmin(ctx, exe, dataDir)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + addr, Token: token, done: make(chan error, 1), log: logf}
	s.cmd = exec.Command(exe, "serve", "--data", dataDir, "--addr", addr)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start evidence serve: %w", err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case err := <-s.done:
			logf.Close()
			return nil, fmt.Errorf("evidence serve exited at start-up (%v); see %s", err, logPath)
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		default:
		}
		if resp, err := client.Get(s.URL + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("evidence serve not healthy after 2 minutes; see %s", logPath)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func createAdmin(ctx context.Context, exe, dataDir string) (string, error) {
	cmd := exec.CommandContext(ctx, exe, "user", "add", "--data", dataDir, "--name", "load", "--role", "admin", "--json")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("evidence user add: %w: %s", err, errb.String())
	}
	var u struct{ Token string }
	if err := json.Unmarshal(out.Bytes(), &u); err != nil || u.Token == "" {
		return "", fmt.Errorf("evidence user add printed %q", out.String())
	}
	return u.Token, nil
}

// Pid is the server's process ID.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Stop ends the server as an operator would (SIGTERM) and waits for it;
// after a minute it is killed.
func (s *Server) Stop() error {
	defer s.log.Close()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case err := <-s.done:
		return err
	case <-time.After(time.Minute):
		s.cmd.Process.Kill()
		return fmt.Errorf("evidence serve did not stop within a minute")
	}
}

// Command evidence-load puts the archive under load (`make load`): N
// uploaders and M searchers for a set time against a real `evidence
// serve` — one it starts on a temporary data folder, or the one at
// --server — and prints throughput, p50/p99 latency and errors per kind of
// request (package bench/load). It is a binary of its own so that none of
// it is linked into evidence.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/lcmonitor/evidence/bench/load"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "evidence-load: %s\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("evidence-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "load this running archive (with --token) instead of starting one")
	token := fs.String("token", "", "API token for --server: an admin's or a coordinator's of --city")
	evidence := fs.String("evidence", "", "the evidence binary to start (default: evidence beside this binary)")
	uploaders := fs.Int("uploaders", 16, "concurrent upload clients")
	searchers := fs.Int("searchers", 32, "concurrent search clients")
	duration := fs.Duration("duration", time.Minute, "how long to load")
	city := fs.String("city", "330100", "city the documents are uploaded for")
	keep := fs.String("data", "", "data folder for the started archive (default: a temporary one, removed afterwards)")
	strict := fs.Bool("strict", false, "exit 1 when a goal (0 errors, search p99 ≤ 250 ms) is not met")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := load.Config{Server: *server, Token: *token, Uploaders: *uploaders, Searchers: *searchers,
		Duration: *duration, City: *city, Seed: uint64(time.Now().UnixNano())}
	if cfg.Server == "" {
		srv, cleanup, err := startArchive(ctx, *evidence, *keep, stderr)
		if err != nil {
			return err
		}
		defer cleanup()
		cfg.Server, cfg.Token, cfg.Pid = srv.URL, srv.Token, srv.Pid()
	} else if cfg.Token == "" {
		return fmt.Errorf("--server needs --token")
	}
	rep, err := load.Run(ctx, cfg)
	if err != nil {
		return err
	}
	rep.Print(stdout)
	if *strict && !rep.Met() {
		return fmt.Errorf("a goal was not met")
	}
	return nil
}

// startArchive starts evidence serve on dataDir (a new temporary folder
// when empty); cleanup stops it and removes a temporary folder.
func startArchive(ctx context.Context, exe, dataDir string, stderr io.Writer) (*load.Server, func(), error) {
	if exe == "" {
		self, err := os.Executable()
		if err != nil {
			return nil, nil, err
		}
		exe = filepath.Join(filepath.Dir(self), "evidence")
	}
	if _, err := os.Stat(exe); err != nil {
		return nil, nil, fmt.Errorf("the evidence binary: %w (build it with go build -o %s ./cmd/evidence, or pass --evidence or --server)", err, exe)
	}
	temp := dataDir == ""
	if temp {
		var err error
		if dataDir, err = os.MkdirTemp("", "evidence-load-"); err != nil {
			return nil, nil, err
		}
	}
	logPath := filepath.Join(dataDir, "serve.log")
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, nil, err
	}
	srv, err := load.StartServer(ctx, exe, dataDir, logPath)
	if err != nil {
		if temp {
			os.RemoveAll(dataDir)
		}
		return nil, nil, err
	}
	fmt.Fprintf(stderr, "evidence-load: started %s on %s (log %s)\n", exe, srv.URL, logPath)
	return srv, func() {
		if err := srv.Stop(); err != nil {
			fmt.Fprintf(stderr, "evidence-load: stop the archive: %v\n", err)
		}
		if temp {
			os.RemoveAll(dataDir)
		}
	}, nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/lcmonitor/evidence/api"
	"github.com/lcmonitor/evidence/ingest"
)

// runServe runs the archive until ctx ends. ready, when set, receives the
// address actually listened on (tests use --addr 127.0.0.1:0).
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger, ready func(addr string)) error {
	fs, data := newFlags("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	workers := fs.Int("workers", 0, "text extraction workers (default: number of CPUs)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	a, err := openApp(ctx, *data, log, appOptions{withIndex: true, ingest: ingest.Config{Workers: *workers}})
	if err != nil {
		return err
	}
	defer a.close()
	if err := a.ingest.Start(ctx); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler: api.NewHandler(api.Deps{
			Catalog: a.cat, Blobs: a.blobs, Ingest: a.ingest, Search: a.search, Logger: log,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	log.Info("evidence archive listening", "addr", ln.Addr().String(), "data", *data, "startup", time.Since(start))
	fmt.Fprintf(stdout, "evidence: serving on http://%s (data in %s)\n", ln.Addr(), *data)
	if n, err := a.cat.CountUsers(ctx); err == nil && n == 0 {
		fmt.Fprintf(stdout, "evidence: 尚无账号;请运行 evidence user add --name admin --role admin 创建管理员并获得 API 令牌\n")
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.Canceled) {
		log.Warn("shutdown", "err", err)
	}
	log.Info("evidence archive stopped")
	return nil
}

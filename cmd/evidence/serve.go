package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/api"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/bodyrate"
	"github.com/lcmonitor/evidence/internal/cpuprofile"
	"github.com/lcmonitor/evidence/internal/lowprio"
	"github.com/lcmonitor/evidence/internal/services"
	"github.com/lcmonitor/evidence/web"
)

// runServe runs the archive until ctx ends. ready, when set, receives the
// address actually listened on (tests use --addr 127.0.0.1:0).
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger, ready func(addr string)) error {
	fs, data := newFlags("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "监听的`地址`")
	workers := fs.Int("workers", 0, "同时提取文字的任务数（默认为 CPU 数的两倍）")
	trustProxy := fs.Bool("trust-proxy", os.Getenv("EVIDENCE_TRUST_PROXY") == "1",
		"前面有反向代理，由它设置 X-Forwarded-For 和 X-Forwarded-Proto（或 EVIDENCE_TRUST_PROXY=1）")
	unpackSet, err := unpackFlags(fs)
	if err != nil {
		return usageError{err}
	}
	readerMemorySet, err := readerMemoryFlag(fs)
	if err != nil {
		return usageError{err}
	}
	if err := parseFlags(fs, args); err != nil {
		return flagsError(err)
	}
	unpacks, err := unpackSet()
	if err != nil {
		return usageError{err}
	}
	readerMemory, err := readerMemorySet()
	if err != nil {
		return usageError{err}
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	start := time.Now()
	tuneGC()
	// The profiles are of a serve that ran: one that failed to start
	// (an address in use, a locked catalog) leaves none, whose few
	// milliseconds of start-up would pass for a run's figures.
	served := false
	if p := os.Getenv("EVIDENCE_CPUPROFILE"); p != "" {
		path := fmt.Sprintf("%s.%d", p, os.Getpid())
		stop, err := startCPUProfile(path)
		if err != nil {
			return err
		}
		defer func() {
			stop()
			if !served {
				os.Remove(path)
			}
		}()
	}
	if p := os.Getenv("EVIDENCE_MUTEXPROFILE"); p != "" {
		write := writeMutexProfile(fmt.Sprintf("%s.%d", p, os.Getpid()))
		defer func() {
			if served {
				write()
			}
		}()
	}
	// The address is taken first, so that one in use is said at once rather
	// than after the seconds of loading; requests wait in its queue meanwhile.
	ln, err := listen(*addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	fmt.Fprintln(stdout, words(lang, "evidence: 正在启动（加载分词词典，打开目录和索引）…… / starting",
		"evidence: starting (loading the word dictionary, opening the catalog and the index)…"))
	a, err := openApp(ctx, *data, log, appOptions{withIndex: true, rebuildOldIndex: true, bindStore: true, ingest: ingest.Config{Workers: *workers}, unpacks: unpacks, readerMemory: readerMemory})
	if err != nil {
		return err
	}
	defer a.close()
	logMissingReaders(ctx, log)
	if err := a.ingest.Start(ctx); err != nil {
		return err
	}
	authn := auth.NewAuthenticator(a.cat, 0)
	authn.TrustProxy = *trustProxy
	handler, err := newRootHandler(a, log, authn)
	if err != nil {
		return err
	}
	srv := &http.Server{
		// No ReadTimeout: an upload takes as long as its line needs;
		// a body that stops moving is cut (bodyrate.Default).
		Handler:           bodyrate.Handler(handler, bodyrate.Default),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	log.Info("evidence archive listening", "addr", ln.Addr().String(), "data", *data, "startup", time.Since(start))
	// The space after the address ends it where a terminal makes it a
	// link, which a full-width bracket right after it would not.
	sayln(stdout, lang, "evidence: 已启动，请在浏览器中打开 http://%s （数据文件夹：%s）", ln.Addr(), *data)
	if _, folder := a.blobs.(*blob.Folder); folder && a.cat.Shared() {
		// Another node would find none of the originals this one keeps,
		// and fail their documents in the shared catalog.
		log.Warn("catalog in PostgreSQL but blobs in a local folder: run one node only, or give every node the same S3 bucket")
		sayln(stdout, lang, "evidence: 注意：目录在 PostgreSQL 中，文件却存在本机的文件夹里；只能运行这一个节点。要运行多个节点，请让每个节点使用同一个 S3 存储桶（EVIDENCE_S3_*，见 README 的 Running on several machines 一节）")
	}
	if n, err := a.cat.CountUsers(ctx); err == nil && n == 0 {
		sayln(stdout, lang, "evidence: 尚无账号；请运行 evidence user add --name admin --role admin 创建管理员并获得 API 令牌")
	}
	served = true
	if lowprio.Enabled() && !lowprio.Start() {
		log.Info("background indexing runs at the searches' priority: this system gives no thread a priority of its own")
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	// The sweeper ends before the deferred a.close closes the catalog it
	// writes, however serve returns.
	sweepCtx, stopSweep := context.WithCancel(ctx)
	swept := make(chan struct{})
	go func() { defer close(swept); sweepSessions(sweepCtx, a, log) }()
	defer func() { stopSweep(); <-swept }()
	// Stopped after the server's shutdown, not with ctx, so that the
	// refusals of logins finishing during the shutdown are written too.
	tailsCtx, stopTails := context.WithCancel(context.WithoutCancel(ctx))
	tailed := make(chan struct{})
	go func() { defer close(tailed); auditRefusalTails(tailsCtx, authn, log) }()
	defer func() { stopTails(); <-tailed }()
	if a.rebuilding {
		fmt.Fprintln(stdout, words(lang, catalog.Fullwidth("evidence: 索引是旧版本写的（或已损坏），正在后台从已存文字重建；重建完成前，搜索只能找到已重建的文档，进度见日志")+
			" / rebuilding the search index in the background: until it is done, searches find only the documents indexed so far (progress in the log)",
			"evidence: rebuilding the search index in the background: until it is done, searches find only the documents indexed so far (progress in the log)"))
		rebuilt := make(chan struct{})
		a.search.SetRebuilding(true)
		go func() {
			defer close(rebuilt)
			reportRebuild(sweepCtx, a.cat, a.idx, log, rebuildReportEvery, func() {
				a.search.SetRebuilding(false)
				warmCommonTerms(sweepCtx, a, log)
				_, _, indexDir, _ := a.paths()
				rebuildDone(indexDir)
			})
		}()
		defer func() { stopSweep(); <-rebuilt }()
	}
	if !a.rebuilding {
		warmCommonTerms(ctx, a, log)
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

// auditRefusalTails writes, every few seconds, the audit entries of the
// throttled logins left out of bursts that stopped within their minute,
// and once more as serve stops, so that a stop loses none of them.
func auditRefusalTails(ctx context.Context, authn *auth.Authenticator, log *slog.Logger) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			// The minute of a burst still running is not over: its
			// refusals are counted as its tail now, or never.
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if err := authn.AuditRefusalTails(final, true); err != nil {
				log.Warn("audit throttled logins left out", "err", err)
			}
			return
		case <-t.C:
			if err := authn.AuditRefusalTails(ctx, false); err != nil && ctx.Err() == nil {
				log.Warn("audit throttled logins left out", "err", err)
			}
		}
	}
}

// sweepSessions deletes expired sessions and the login turns of nodes
// stopped while holding them hourly; both are refused or taken over
// anyway, this only keeps the tables small.
func sweepSessions(ctx context.Context, a *app, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := a.cat.DeleteExpiredSessions(ctx); err != nil && ctx.Err() == nil {
				log.Warn("sweep expired sessions", "err", err)
			}
			if err := a.cat.SweepLoginTurns(ctx, time.Hour); err != nil && ctx.Err() == nil {
				log.Warn("sweep login turns", "err", err)
			}
		}
	}
}

// newRootHandler serves the JSON API under /api/, /healthz and /metrics,
// and the web UI everywhere else; both share one authenticator, so a web
// session works for the page's calls to the API.
func newRootHandler(a *app, log *slog.Logger, authn *auth.Authenticator) (http.Handler, error) {
	accts := accounts.NewService(a.cat)
	set := services.Set{Ingest: a.ingest, Documents: a.documents, Search: a.search, Claims: a.claims,
		Framework: a.framework, Coverage: a.coverage, Accounts: accts, Assignments: a.assignments,
		Values: a.values, Reports: a.reports, Packs: a.packs, Notes: a.notes, Saved: a.saved, Auth: authn, Logger: log}
	webHandler, err := web.NewHandler(set)
	if err != nil {
		return nil, fmt.Errorf("web ui: %w", err)
	}
	// A browser sent to the API by one of the UI's links, and refused,
	// reads the UI's error page rather than JSON.
	errorPage, err := web.NewErrorPage(set)
	if err != nil {
		return nil, fmt.Errorf("web ui: %w", err)
	}
	apiHandler := api.NewHandler(set, errorPage)
	root := http.NewServeMux()
	root.Handle("/api/", apiHandler)
	root.Handle("/healthz", apiHandler)
	root.Handle("/readyz", apiHandler)
	root.Handle("/metrics", apiHandler)
	root.Handle("/", api.SecurityHeaders(webHandler))
	return root, nil
}

// startCPUProfile writes a CPU profile to path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	stopProfile, err := cpuprofile.Start(path)
	if err != nil {
		return nil, fmt.Errorf("EVIDENCE_CPUPROFILE: %w", err)
	}
	return func() {
		if err := stopProfile(); err != nil {
			slog.Warn("close CPU profile", "path", path, "err", err)
		}
	}, nil
}

// writeMutexProfile has the runtime sample one contended lock in
// mutexProfileFraction; the returned function writes where goroutines
// waited for them to path.
func writeMutexProfile(path string) (write func()) {
	const mutexProfileFraction = 5
	runtime.SetMutexProfileFraction(mutexProfileFraction)
	return func() {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.Lookup("mutex").WriteTo(f, 0)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			slog.Warn("write the mutex profile", "path", path, "err", err)
		}
	}
}

// listen takes the address serve will answer on, with a message that says
// what to do when another program holds it.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("listen on %s: %w", addr, catalog.Errorf(catalog.EUNAVAILABLE,
			"地址 %s 已被占用（另一个 evidence serve 或其他程序正在使用）；请先停止它，或用 --addr 换一个端口，如 --addr 127.0.0.1:8081", addr))
	}
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// warmCommonTerms has every city's common terms counted in the
// background (search.Service.WarmCommonTerms), so that the first page
// views after a start find them counted; a rebuilt index has them
// counted once it is whole.
func warmCommonTerms(ctx context.Context, a *app, log *slog.Logger) {
	if err := a.search.WarmCommonTerms(ctx); err != nil {
		log.Warn("count the common terms of the cities", "err", err)
	}
}

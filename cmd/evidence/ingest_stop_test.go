package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// stopAfter is a proxy in front of a real server that lets n uploads
// through and then calls stop on the next, which stands for a Ctrl-C or
// a network gone.
func stopAfter(t *testing.T, target string, n int32, stop func(w http.ResponseWriter)) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	var uploads atomic.Int32
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "POST" && r.URL.Path == "/api/v1/documents" && uploads.Add(1) > n {
			stop(w)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	return p.URL
}

func tenFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i := range 10 {
		body := fmt.Sprintf("武汉市第%d批社区学习共同体典型案例。", i+1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("案例%02d.txt", i+1)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRemoteIngestStopsWhenTheServerIsGone: once the server cannot be
// reached, the import stops and says so once, with what was done and
// what to do, instead of failing every file left with a network message.
func TestRemoteIngestStopsWhenTheServerIsGone(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	base := stopAfter(t, s.base, 3, func(w http.ResponseWriter) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // the connection drops, as with a network gone
		}
	})
	var out, errOut bytes.Buffer
	// A file a request, so that the server goes after the third file.
	err := run(t.Context(), []string{"ingest", tenFiles(t), "--server", base, "--token", s.token, "--city", "420100", "--type", "case",
		"--per-request", "1"}, &out, &errOut)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("exit %v, want 1\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	stderr := errOut.String()
	if !strings.Contains(stderr, "已停止") || !strings.Contains(stderr, "无法连接") || !strings.Contains(stderr, "新增 3") || !strings.Contains(stderr, "未导入 7") {
		t.Errorf("the stop is not said with its counts:\n%s", stderr)
	}
	if n := strings.Count(out.String()+stderr, "无法连接"); n != 1 {
		t.Errorf("the network failure is said %d times, want once:\n%s\n%s", n, out.String(), stderr)
	}
	if strings.Contains(out.String()+stderr, "EUNAVAILABLE") {
		t.Errorf("an error code is shown to the user:\n%s\n%s", out.String(), stderr)
	}
}

// TestRemoteIngestInterrupted: Ctrl-C stops the import with exit 130 and
// one line saying what was done, not a failure for each file left.
func TestRemoteIngestInterrupted(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	base := stopAfter(t, s.base, 2, func(w http.ResponseWriter) {
		cancel()
		http.Error(w, "interrupted", http.StatusServiceUnavailable)
	})
	var out, errOut bytes.Buffer
	err := run(ctx, []string{"ingest", tenFiles(t), "--server", base, "--token", s.token, "--city", "420100", "--type", "case",
		"--per-request", "1"}, &out, &errOut)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 130 {
		t.Fatalf("exit %v, want 130\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	if stderr := errOut.String(); !strings.Contains(stderr, "已中断") || !strings.Contains(stderr, "新增 2") || !strings.Contains(stderr, "未导入 8") {
		t.Errorf("the interruption is not said with its counts:\n%s", stderr)
	}
	if strings.Contains(out.String(), "失败") {
		t.Errorf("files not sent are reported as failed:\n%s", out.String())
	}
}

// TestLocalIngestInterruptedBeforeItBegins: Ctrl-C before the archive is
// open says it was interrupted, not "context canceled".
func TestLocalIngestInterruptedBeforeItBegins(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var out, errOut bytes.Buffer
	err := run(ctx, []string{"ingest", tenFiles(t), "--data", filepath.Join(t.TempDir(), "data"), "--city", "420100", "--type", "case"}, &out, &errOut)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 130 || !strings.Contains(errOut.String(), "已中断") || strings.Contains(errOut.String(), "context canceled") {
		t.Errorf("exit %v\nstderr: %s", err, errOut.String())
	}
}

// TestIngestFollowsLinksToFiles: a symbolic link in a folder to a file
// is imported as that file; one to a folder or to nothing is said to be
// skipped, not dropped in silence.
func TestIngestFollowsLinksToFiles(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "链接的通知.txt")
	if err := os.WriteFile(target, []byte("武汉市社区教育工作会议通知。"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "总结.txt"), []byte("武汉市社区教育工作总结。"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, to := range map[string]string{"通知.txt": target, "文件夹": elsewhere, "失效.txt": filepath.Join(elsewhere, "没有这个文件")} {
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"ingest", dir, "--data", filepath.Join(t.TempDir(), "data"), "--city", "420100", "--type", "case"}, &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "新增 2") {
		t.Fatalf("ingest: %v\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	if stderr := errOut.String(); !strings.Contains(stderr, "跳过 2 个") || !strings.Contains(stderr, "文件夹") || !strings.Contains(stderr, "失效.txt") {
		t.Errorf("the skipped links are not said:\n%s", stderr)
	}
}

// TestEventsSayChinaTime: the audit log on the command line gives each
// time in China time with its zone, as the pages do, not in the
// machine's own zone without one.
func TestEventsSayChinaTime(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "zhang", "--role", "admin")
	out, err := runCLI(t, "events", "--data", data, "--codes")
	if err != nil || !strings.Contains(out, " UTC+8 ") || !strings.Contains(out, "user.create") {
		t.Errorf("events: %v\n%s", err, out)
	}
}

// TestRemoteIngestSendsTheFilesBeforeWaiting: a folder imported through a
// server is sent file after file, and only then waited for: waiting for
// each file to be read before sending the next made an import a file per
// indexing turn, and the index was written a document at a time. Every
// file still ends indexed, and the summary says so.
func TestRemoteIngestSendsTheFilesBeforeWaiting(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	u, err := url.Parse(s.base)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	var mu sync.Mutex
	var calls []string
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		switch {
		case r.Method == "POST" && r.URL.Path == "/api/v1/documents":
			calls = append(calls, "upload")
		case r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/api/v1/documents/"):
			calls = append(calls, "wait")
		}
		mu.Unlock()
		proxy.ServeHTTP(w, r)
	}))
	defer p.Close()
	out, err := runCLI(t, "ingest", tenFiles(t), "--server", p.URL, "--token", s.token, "--city", "420100", "--type", "case", "--json")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	var summary struct {
		Files  []fileOutcome
		Stored int
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if summary.Stored != 10 {
		t.Fatalf("stored %d of 10\n%s", summary.Stored, out)
	}
	for _, f := range summary.Files {
		if f.Status != "indexed" {
			t.Errorf("%s: %s (%s), want indexed", f.Path, f.Status, f.Error)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if last := slices.Index(calls, "wait"); last >= 0 && slices.Contains(calls[last:], "upload") {
		t.Errorf("an upload waited for an earlier file to be read: %v", calls)
	}
}

// TestRemoteIngestStopsWhenTheServerGoesWhileWaiting: the server going
// away after the files were sent stops the import once, counting them as
// stored (they are), instead of failing each file left to wait for.
func TestRemoteIngestStopsWhenTheServerGoesWhileWaiting(t *testing.T) {
	defer func(d time.Duration) { waitGiveUp = d }(waitGiveUp)
	waitGiveUp = 2 * time.Second
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	u, err := url.Parse(s.base)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/api/v1/documents/") {
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close() // the network is gone
			}
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer p.Close()
	var out, errOut bytes.Buffer
	err = run(t.Context(), []string{"ingest", tenFiles(t), "--server", p.URL, "--token", s.token, "--city", "420100", "--type", "case"}, &out, &errOut)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("exit %v, want 1\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	stderr := errOut.String()
	if !strings.Contains(stderr, "已停止") || !strings.Contains(stderr, "新增 10") || !strings.Contains(stderr, "失败 0") {
		t.Errorf("the stop is not said with the files stored:\n%s", stderr)
	}
	if strings.Contains(out.String(), "失败") {
		t.Errorf("stored files are reported as failed:\n%s", out.String())
	}
}

// TestRemoteIngestRidesOutABusyServer: a 503 while the files are waited
// for (the catalog busy, a proxy's blip) is asked again, not taken for the
// server gone: the import ends with every file indexed.
func TestRemoteIngestRidesOutABusyServer(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	u, err := url.Parse(s.base)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	var busy atomic.Int32
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/api/v1/documents/") && busy.Add(1) <= 3 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, `{"error":{"code":"EUNAVAILABLE","message":"目录数据库正忙于其他写入"}}`, http.StatusServiceUnavailable)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer p.Close()
	out, err := runCLI(t, "ingest", tenFiles(t), "--server", p.URL, "--token", s.token, "--city", "420100", "--type", "case")
	if err != nil || !strings.Contains(out, "新增 10") {
		t.Fatalf("ingest through three busy answers: %v\n%s", err, out)
	}
}

// TestEventsReadMoreThanAPage: evidence events --limit 5000 prints as
// many as there are past the 1000 a page of the log holds (it printed
// 100), and a limit below 1 is refused.
func TestEventsReadMoreThanAPage(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "zhang", "--role", "admin")
	cat, err := catalog.Open(t.Context(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1100 {
		if err := cat.RecordEvent(t.Context(), catalog.Event{User: "li", Action: "note.create", Object: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	cat.Close()
	out, err := runCLI(t, "events", "--data", data, "--user", "li", "--limit", "5000", "--json")
	if n := strings.Count(out, "\n"); err != nil || n != 1100 {
		t.Errorf("events --limit 5000: %v, %d lines, want all 1100", err, n)
	}
	if _, err := runCLI(t, "events", "--data", data, "--limit", "0"); err == nil || !strings.Contains(err.Error(), "--limit") {
		t.Errorf("events --limit 0: %v, want refused about --limit", err)
	}
}

// TestRemoteIngestSendsAFolderInGroups: ten files go to the server four a
// request; when the server goes after the first request, the four it
// answered are counted stored and the six after not imported, the loss
// said once.
func TestRemoteIngestSendsAFolderInGroups(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	base := stopAfter(t, s.base, 1, func(w http.ResponseWriter) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"ingest", tenFiles(t), "--server", base, "--token", s.token, "--city", "420100", "--type", "case",
		"--per-request", "4"}, &out, &errOut)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("exit %v, want 1\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	if stderr := errOut.String(); !strings.Contains(stderr, "新增 4") || !strings.Contains(stderr, "未导入 6") ||
		strings.Count(out.String()+stderr, "无法连接") != 1 {
		t.Errorf("the stop after one request of four files is not said with its counts, once:\n%s\n%s", out.String(), stderr)
	}
	statuses, _ := s.statuses()
	if len(statuses) != 4 {
		t.Errorf("the archive holds %d documents, want the first request's 4", len(statuses))
	}
}

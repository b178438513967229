package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// busyProxy is a proxy in front of a real server that answers a request
// busy for it, as a load balancer or a node short of breath does: each
// time busy says so (its status, Retry-After and message), before the
// server sees the request. A real server cannot be made to answer a read
// 429 or 503 on cue.
type busyProxy struct {
	URL string
	mu  sync.Mutex
	// refused are the times a request was answered busy, and passed the
	// times one of those paths was let through after, by path.
	refused, passed map[string][]time.Time
}

func newBusyProxy(t *testing.T, target string, busy func(r *http.Request, refusedBefore int) (status int, retryAfter, message string)) *busyProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	b := &busyProxy{refused: map[string][]time.Time{}, passed: map[string][]time.Time{}}
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.Path
		if strings.HasPrefix(r.URL.Path, "/api/v1/documents/") {
			key = r.Method + " /api/v1/documents/{id}"
		}
		b.mu.Lock()
		status, after, msg := busy(r, len(b.refused[key]))
		if status != 0 {
			b.refused[key] = append(b.refused[key], time.Now())
		} else {
			b.passed[key] = append(b.passed[key], time.Now())
		}
		b.mu.Unlock()
		if status == 0 {
			proxy.ServeHTTP(w, r)
			return
		}
		code := "EUNAVAILABLE"
		if status == http.StatusTooManyRequests {
			code = "ETHROTTLED"
		}
		w.Header().Set("Content-Type", "application/json")
		if after != "" {
			w.Header().Set("Retry-After", after)
		}
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":{"code":%q,"message":%q}}`, code, msg)
	}))
	t.Cleanup(p.Close)
	b.URL = p.URL
	return b
}

// times are the refusals and the passes of key so far.
func (b *busyProxy) times(key string) (refused, passed []time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]time.Time(nil), b.refused[key]...), append([]time.Time(nil), b.passed[key]...)
}

const (
	throttled   = "请求过于频繁，请稍后再试"
	catalogBusy = "目录数据库正忙于其他写入，请稍后重试"
)

// TestRemoteIngestCheckAndWaitHonourRetryAfter: an import whose first
// question (who the token is, /api/v1/me) is answered 429 asks again
// after the second Retry-After gives, instead of stopping; a question
// about an uploaded file's state answered 503 with Retry-After: 2 is
// asked again no sooner than two seconds later, each wait said on
// stderr; every file is imported once.
func TestRemoteIngestCheckAndWaitHonourRetryAfter(t *testing.T) {
	s := startServer(t, "")
	p := newBusyProxy(t, s.base, func(r *http.Request, before int) (int, string, string) {
		switch {
		case r.URL.Path == "/api/v1/me" && before == 0:
			return http.StatusTooManyRequests, "1", throttled
		case r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/api/v1/documents/") && before == 0:
			return http.StatusServiceUnavailable, "2", catalogBusy
		}
		return 0, "", ""
	})
	var out, errOut syncBuffer
	err := run(t.Context(), []string{"ingest", tenFiles(t), "--server", p.URL, "--token", s.token, "--city", "420100", "--type", "case"}, &out, &errOut)
	if err != nil {
		t.Fatalf("ingest: %v\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "导入完成：新增 10，重复 0，失败 0") {
		t.Errorf("not every file imported once:\n%s\n%s", out.String(), errOut.String())
	}
	for _, want := range []string{"服务器暂时无法处理请求，等候 1 秒后重试（服务器应答：" + throttled + "）",
		"服务器暂时无法处理请求，等候 2 秒后重试（服务器应答：" + catalogBusy + "）"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut.String())
		}
	}
	refused, passed := p.times("GET /api/v1/documents/{id}")
	if len(refused) != 1 || len(passed) == 0 {
		t.Fatalf("state questions: %d refused, %d passed; want 1 refused, then the rest passed", len(refused), len(passed))
	}
	if gap := passed[0].Sub(refused[0]); gap < 2*time.Second {
		t.Errorf("the state was asked again %s after a 503 with Retry-After: 2, want at least 2s", gap)
	}
}

// TestRemoteIngestGivesUpOnABusyServer: a server that stays busy past
// the limit stops the import with how long it waited and the server's
// message — before anything is sent when it is the first question, with
// the files stored and what to do when it is a file's state; and Ctrl-C
// while the first question waits ends it at once (exit 130), nothing
// sent.
func TestRemoteIngestGivesUpOnABusyServer(t *testing.T) {
	s := startServer(t, "")
	defer func(d time.Duration) { retryGiveUp = d }(retryGiveUp)
	retryGiveUp = time.Second
	busyOn := func(key string) *busyProxy {
		return newBusyProxy(t, s.base, func(r *http.Request, _ int) (int, string, string) {
			if strings.HasPrefix(r.Method+" "+r.URL.Path, key) {
				return http.StatusServiceUnavailable, "1", catalogBusy
			}
			return 0, "", ""
		})
	}
	files := tenFiles(t)
	ingestThrough := func(ctx context.Context, p *busyProxy, out, errOut *syncBuffer) error {
		return run(ctx, []string{"ingest", files, "--server", p.URL, "--token", s.token, "--city", "420100", "--type", "case"}, out, errOut)
	}

	t.Run("check", func(t *testing.T) {
		p := busyOn("GET /api/v1/me")
		var out, errOut syncBuffer
		err := ingestThrough(t.Context(), p, &out, &errOut)
		if want := "等候 1 秒后服务器仍无法处理请求：" + catalogBusy; err == nil || describe(err) != want {
			t.Errorf("ingest through a server busy from the start: %v, want %q", err, want)
		}
		if _, posts := p.times("POST /api/v1/documents"); len(posts) != 0 {
			t.Errorf("%d uploads sent after the first question was never answered", len(posts))
		}
	})

	t.Run("wait", func(t *testing.T) {
		p := busyOn("GET /api/v1/documents/")
		var out, errOut syncBuffer
		err := ingestThrough(t.Context(), p, &out, &errOut)
		var ee exitError
		if !errors.As(err, &ee) || ee.code != 1 {
			t.Fatalf("exit %v, want 1\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
		}
		// The server that stopped the import is named, with the way on:
		// that one once it is back, or another node of the archive.
		for _, want := range []string{"已停止：服务器 " + p.URL + "：等候 1 秒后服务器仍无法处理请求：" + catalogBusy, "另一节点"} {
			if !strings.Contains(errOut.String(), want) {
				t.Errorf("stderr does not say %q:\n%s", want, errOut.String())
			}
		}
	})

	t.Run("interrupted", func(t *testing.T) {
		retryGiveUp = time.Hour
		p := busyOn("GET /api/v1/me")
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var out, errOut syncBuffer
		done := make(chan error, 1)
		go func() { done <- ingestThrough(ctx, p, &out, &errOut) }()
		waitForLine(t, &errOut, done, "等候 1 秒后重试")
		cancel()
		err := <-done
		var ee exitError
		if !errors.As(err, &ee) || ee.code != 130 || !strings.Contains(errOut.String(), "已中断") {
			t.Fatalf("exit %v, want 130 saying 已中断\nstderr: %s", err, errOut.String())
		}
		if _, posts := p.times("POST /api/v1/documents"); len(posts) != 0 {
			t.Errorf("%d uploads sent after Ctrl-C", len(posts))
		}
	})
}

// TestRemoteBacksOffFromAShortRetryAfter: a server that keeps answering
// 429 with Retry-After: 1 is asked again after 1 s twice, then after 2 s
// (the waits double from its floor), instead of every second until the
// give-up: four questions in the 4 s allowed here, not five.
func TestRemoteBacksOffFromAShortRetryAfter(t *testing.T) {
	s := startServer(t, "")
	defer func(d time.Duration) { retryGiveUp = d }(retryGiveUp)
	retryGiveUp = 4 * time.Second
	p := newBusyProxy(t, s.base, func(r *http.Request, _ int) (int, string, string) {
		if r.URL.Path == "/api/v1/me" {
			return http.StatusTooManyRequests, "1", throttled
		}
		return 0, "", ""
	})
	var out, errOut syncBuffer
	err := run(t.Context(), []string{"ingest", tenFiles(t), "--server", p.URL, "--token", s.token, "--city", "420100", "--type", "case"}, &out, &errOut)
	if want := "等候 4 秒后服务器仍无法处理请求：" + throttled; err == nil || describe(err) != want {
		t.Errorf("ingest through a server always busy: %v, want %q", err, want)
	}
	refused, _ := p.times("GET /api/v1/me")
	if len(refused) != 4 {
		t.Fatalf("asked %d times in 4 s of waits, want 4 (waits of 1, 1 and 2 s)\nstderr: %s", len(refused), errOut.String())
	}
	if gap := refused[3].Sub(refused[2]); gap < 2*time.Second {
		t.Errorf("third busy answer in a row: asked again %s later, want at least 2s", gap)
	}
	for _, want := range []string{"等候 1 秒后重试", "等候 2 秒后重试"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut.String())
		}
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/s3gw"
	"github.com/lcmonitor/evidence/report"
)

// TestRetryAfter: Retry-After in seconds or as an HTTP date, the date
// counted from the answer's own Date (the server's clock), and what
// cannot be read taken as no Retry-After.
func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	served := "Thu, 03 Dec 2026 06:00:00 GMT" // the server's clock two hours behind
	for _, c := range []struct {
		value, date string
		want        time.Duration
		ok          bool
	}{
		{"5", "", 5 * time.Second, true},
		{" 120 ", served, 2 * time.Minute, true},
		{"0", "", 0, true},
		{"-3", "", 0, false},
		{"稍后", "", 0, false},
		{"", served, 0, false},
		{"Thu, 03 Dec 2026 06:00:30 GMT", served, 30 * time.Second, true},
		{"Thu, 03 Dec 2026 08:00:45 GMT", "", 45 * time.Second, true},
		{"Thu, 03 Dec 2026 05:59:00 GMT", served, 0, true},
	} {
		got, ok := retryAfter(c.value, c.date, now)
		if got != c.want || ok != c.ok {
			t.Errorf("retryAfter(%q, Date %q) = %s, %v; want %s, %v", c.value, c.date, got, ok, c.want, c.ok)
		}
	}
}

// TestBusyWait: a wait asked for is kept up to the cap for the first two
// busy answers in a row, then doubles from it up to the cap; without one
// the waits double from the first up to the cap.
func TestBusyWait(t *testing.T) {
	for _, c := range []struct {
		b       busyAnswer
		attempt int
		want    time.Duration
	}{
		{busyAnswer{after: 5 * time.Second, asked: true}, 0, 5 * time.Second},
		{busyAnswer{after: 5 * time.Second, asked: true}, 1, 5 * time.Second},
		{busyAnswer{after: 5 * time.Second, asked: true}, 2, 10 * time.Second},
		{busyAnswer{after: 5 * time.Second, asked: true}, 3, 20 * time.Second},
		{busyAnswer{after: time.Hour, asked: true}, 0, time.Minute},
		// A server answering busy with Retry-After: 1 for ever is asked
		// once a minute in the end, not every second.
		{busyAnswer{after: time.Second, asked: true}, 7, time.Minute},
		{busyAnswer{after: time.Second, asked: true}, 500, time.Minute},
		// Retry-After: 0 or a date past (a proxy's) is a second, not a
		// loop sending the files again at once.
		{busyAnswer{after: 0, asked: true}, 0, time.Second},
		{busyAnswer{after: 0, asked: true}, 3, 4 * time.Second},
		{busyAnswer{}, 0, 5 * time.Second},
		{busyAnswer{}, 1, 10 * time.Second},
		{busyAnswer{}, 3, 40 * time.Second},
		{busyAnswer{}, 4, time.Minute},
		{busyAnswer{}, 50, time.Minute},
	} {
		if got := c.b.wait(c.attempt); got != c.want {
			t.Errorf("wait after %+v, attempt %d = %s, want %s", c.b, c.attempt, got, c.want)
		}
	}
}

// holdUploads opens n uploads as the account of token that send their
// headers and the start of their body, then nothing: uploads under way on
// slow lines, each holding one of the account's slots. It returns once
// the server refuses the account another upload (429), and the function
// that ends them. A request without a file is refused (400) once it has a
// slot: while it is, one more upload is held (one held may not have
// reached the server yet, or been answered), up to n more.
func holdUploads(t *testing.T, base, token string, n int) (release func()) {
	t.Helper()
	addr := strings.TrimPrefix(base, "http://")
	var held []net.Conn
	release = func() {
		for _, c := range held {
			c.Close()
		}
		held = nil
	}
	t.Cleanup(release)
	hold := func() {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
		fmt.Fprintf(c, "POST /api/v1/documents HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
			"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n"+
			"--b\r\nContent-Disposition: form-data; name=\"city\"\r\n\r\n420100\r\n", addr, token)
	}
	for range n {
		hold()
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		req, err := http.NewRequest("POST", base+"/api/v1/documents", strings.NewReader("--b--\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			return release
		}
		if len(held) < 2*n {
			hold()
		}
		if time.Now().After(deadline) {
			for i, c := range held {
				c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
				got, _ := io.ReadAll(io.LimitReader(c, 300))
				t.Logf("held upload %d answered %q", i, got)
			}
			t.Fatalf("%d uploads held, yet another is answered %d %s, not 429", len(held), resp.StatusCode, answer)
		}
	}
}

// runIngestAsync runs `evidence ingest` with args in the background; the
// channel gives its error once it returns.
func runIngestAsync(ctx context.Context, args []string, stdout, stderr *syncBuffer) <-chan error {
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"ingest"}, args...), stdout, stderr) }()
	return done
}

// waitForLine waits until stderr says each of want, or the run ends.
func waitForLine(t *testing.T, stderr *syncBuffer, done <-chan error, want ...string) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		all := true
		for _, w := range want {
			all = all && strings.Contains(stderr.String(), w)
		}
		if all {
			return
		}
		select {
		case err := <-done:
			t.Fatalf("ingest ended (%v) before saying %q:\n%s", err, want, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("ingest did not say %q within two minutes:\n%s", want, stderr.String())
		}
	}
}

// An import through a server whose account has all its uploads under way
// (429 with Retry-After) waits as the server asks, says so on stderr, and
// then sends: interrupted while it waits it says what it did and left
// (exit 130, nothing called failed); waiting past the limit it stops with
// the server's reason (exit 1); and once a slot is free every file is
// stored once.
func TestRemoteIngestWaitsForUploadsUnderWay(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	release := holdUploads(t, s.base, s.token, auth.MaxUploadsPerAccount)
	args := []string{tenFiles(t), "--server", s.base, "--token", s.token, "--city", "420100", "--type", "case", "--per-request", "4"}

	t.Run("interrupted", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var out, errOut syncBuffer
		done := runIngestAsync(ctx, args, &out, &errOut)
		waitForLine(t, &errOut, done, "等候 5 秒后重新发送 4 个文件", "同时上传的上限")
		cancel()
		err := <-done
		var ee exitError
		if !errors.As(err, &ee) || ee.code != 130 {
			t.Fatalf("exit %v, want 130\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
		}
		if stderr := errOut.String(); !strings.Contains(stderr, "已中断") || !strings.Contains(stderr, "新增 0") || !strings.Contains(stderr, "未导入 10") {
			t.Errorf("the interruption is not said with its counts:\n%s", stderr)
		}
		if strings.Contains(out.String(), "失败") {
			t.Errorf("files not sent are reported as failed:\n%s", out.String())
		}
	})

	t.Run("gives up", func(t *testing.T) {
		defer func(d time.Duration) { retryGiveUp = d }(retryGiveUp)
		retryGiveUp = time.Second
		var out, errOut bytes.Buffer
		err := run(t.Context(), append([]string{"ingest"}, args...), &out, &errOut)
		var ee exitError
		if !errors.As(err, &ee) || ee.code != 1 {
			t.Fatalf("exit %v, want 1\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
		}
		stderr := errOut.String()
		for _, want := range []string{"等候 1 秒后重新发送 4 个文件", "已停止：服务器 ", "：等候 1 秒后服务器仍不接收文件：您的账号已有 32 个上传正在进行", "未导入 10"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
		}
		if strings.Contains(out.String()+stderr, "ETHROTTLED") {
			t.Errorf("an error code is shown to the user:\n%s\n%s", out.String(), stderr)
		}
	})

	t.Run("sends once a slot is free", func(t *testing.T) {
		var out, errOut syncBuffer
		done := runIngestAsync(t.Context(), args, &out, &errOut)
		waitForLine(t, &errOut, done, "等候 5 秒后重新发送 4 个文件")
		release()
		if err := <-done; err != nil {
			t.Fatalf("ingest: %v\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
		}
		if !strings.Contains(out.String(), "导入完成：新增 10，重复 0，失败 0") {
			t.Errorf("not every file stored once:\n%s\n%s", out.String(), errOut.String())
		}
		if statuses, _ := s.statuses(); len(statuses) != 10 {
			t.Errorf("the archive holds %d documents, want 10", len(statuses))
		}
	})
}

// An import through a server whose object store has stopped (503, nothing
// recorded) waits, saying why, and sends again once the store is back:
// every file ends indexed, none reported a duplicate of itself.
func TestRemoteIngestWaitsForTheObjectStore(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	useS3(t, g.Addr, "evidence-retry")
	s := startServer(t, "")
	defer func(d time.Duration) { retryFirstWait = d }(retryFirstWait)
	retryFirstWait = 2 * time.Second
	g.Stop()

	var out, errOut syncBuffer
	done := runIngestAsync(t.Context(), []string{tenFiles(t), "--server", s.base, "--token", s.token, "--city", "420100", "--type", "case"},
		&out, &errOut)
	waitForLine(t, &errOut, done, "后重新发送 10 个文件", "对象存储")
	if err := g.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("ingest: %v\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "导入完成：新增 10，重复 0，失败 0") {
		t.Errorf("not every file stored once:\n%s\n%s", out.String(), errOut.String())
	}
	statuses, _ := s.statuses()
	if len(statuses) != 10 {
		t.Errorf("the archive holds %d documents, want 10", len(statuses))
	}
	for id, st := range statuses {
		if st != "indexed" {
			t.Errorf("document %s is %s, want indexed", id, st)
		}
	}
}

// A file the server recorded in an answer that refused another for now is
// not sent again (it would come back a duplicate of itself): only the
// refused one is, after the wait a Retry-After given as an HTTP date asks,
// counted from the server's Date. A real server answers neither so on
// cue, hence this small stand-in.
func TestRemoteIngestResendsOnlyWhatWasNotRecorded(t *testing.T) {
	defer func(d time.Duration) { retryFirstWait = d }(retryFirstWait)
	retryFirstWait = 10 * time.Millisecond
	var mu sync.Mutex
	var sent [][]string // the files of each upload request
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/v1/me" {
			fmt.Fprint(w, `{"user":{"username":"coord","role":"coordinator","city":"330100"}}`)
			return
		}
		var names []string
		mr, err := r.MultipartReader()
		if err != nil {
			t.Errorf("upload: %v", err)
			return
		}
		for p, err := mr.NextPart(); err == nil; p, err = mr.NextPart() {
			if p.FileName() != "" {
				names = append(names, p.FileName())
			}
		}
		mu.Lock()
		sent = append(sent, names)
		n := len(sent)
		mu.Unlock()
		switch n {
		case 1: // the first file recorded, the second refused: the store went between them
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, `{"documents":[{"id":"d1","status":"indexed","part":0,"uploaded_as":"总结.txt","duplicate":false}],`+
				`"errors":[{"part":1,"filename":"通知.txt","error":{"code":"EUNAVAILABLE","message":"对象存储暂时无法处理请求，文件未保存；请稍后重试"}}]}`)
		case 2: // busy, for two seconds by the server's clock, an hour behind ours
			served := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
			w.Header().Set("Date", served.Format(http.TimeFormat))
			w.Header().Set("Retry-After", served.Add(2*time.Second).Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"error":{"code":"EUNAVAILABLE","message":"目录数据库正忙于其他写入，请稍后重试"}}`)
		default:
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, `{"documents":[{"id":"d2","status":"indexed","duplicate":false}]}`)
		}
	}))
	defer fake.Close()
	dir := t.TempDir()
	for name, text := range map[string]string{"通知.txt": "关于开展全民终身学习活动周的通知。", "总结.txt": "武汉市社区教育工作总结。"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"ingest", dir, "--server", fake.URL,
		"--token", "ev_test", "--city", "420100", "--type", "case"}, &out, &errOut)
	if err != nil {
		t.Fatalf("ingest: %v\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	want := [][]string{{"总结.txt", "通知.txt"}, {"通知.txt"}, {"通知.txt"}}
	if !slices.EqualFunc(sent, want, slices.Equal) {
		t.Errorf("requests sent %q, want %q", sent, want)
	}
	if !strings.Contains(out.String(), "导入完成：新增 2，重复 0，失败 0") {
		t.Errorf("not both files stored once:\n%s", out.String())
	}
	stderr := errOut.String()
	for _, want := range []string{"等候 1 秒后重新发送 1 个文件（服务器应答：对象存储暂时无法处理请求", "等候 2 秒后重新发送 1 个文件（服务器应答：目录数据库正忙于其他写入"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
}

// A file sent again after a 503 that comes back a duplicate is counted
// stored when its document is the one the refused request recorded (by
// this account, within that request's time: a server that recorded the
// file and then failed to answer), not a duplicate of itself; one the
// archive held before, or another account's, is still a duplicate.
func TestRemoteIngestCountsAFileItStoredBeforeA503AsStored(t *testing.T) {
	for _, c := range []struct {
		name, by string
		before   time.Duration // how long before the 503 the document was recorded
		want     string
	}{
		{"recorded by the refused request", "coord", 300 * time.Millisecond, "新增 1，重复 0"},
		{"held before the import", "coord", time.Hour, "新增 0，重复 1"},
		{"another account's", "li", 300 * time.Millisecond, "新增 0，重复 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var served time.Time
			var posts atomic.Int32
			fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if r.URL.Path == "/api/v1/me" {
					fmt.Fprint(w, `{"user":{"username":"coord","role":"coordinator","city":"330100"}}`)
					return
				}
				io.Copy(io.Discard, r.Body)
				if posts.Add(1) == 1 {
					served = time.Now().UTC().Truncate(time.Second)
					w.Header().Set("Date", served.Format(http.TimeFormat))
					w.Header().Set("Retry-After", "1")
					w.WriteHeader(http.StatusServiceUnavailable)
					fmt.Fprint(w, `{"error":{"code":"EUNAVAILABLE","message":"目录数据库正忙于其他写入，请稍后重试"}}`)
					return
				}
				fmt.Fprintf(w, `{"documents":[{"id":"d1","status":"indexed","duplicate":true,"uploaded_by":%q,"uploaded_at":%q}]}`,
					c.by, served.Add(-c.before).Format(time.RFC3339Nano))
			}))
			defer fake.Close()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "通知.txt"), []byte("关于开展全民终身学习活动周的通知。"), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := runCLI(t, "ingest", dir, "--server", fake.URL, "--token", "ev_test", "--city", "420100", "--type", "case")
			if err != nil || !strings.Contains(out, c.want) || posts.Load() != 2 {
				t.Errorf("ingest: %v after %d uploads\n%s\nwant %s", err, posts.Load(), out, c.want)
			}
		})
	}
}

// A wait is said as people say it, in each language, and the line saying
// it has its English.
func TestWaitSaidInEachLanguage(t *testing.T) {
	for _, c := range []struct {
		d      time.Duration
		zh, en string
	}{
		{5 * time.Second, " 5 秒", " 5 seconds"},
		{1500 * time.Millisecond, " 2 秒", " 2 seconds"},
		{time.Second, " 1 秒", " 1 second"},
		{10 * time.Minute, " 10 分钟", " 10 minutes"},
		{90 * time.Second, " 1 分 30 秒", " 1 minute 30 seconds"},
	} {
		if w := durationWords(c.d); w.Chinese != c.zh || w.English != c.en {
			t.Errorf("durationWords(%s) = %q / %q, want %q / %q", c.d, w.Chinese, w.English, c.zh, c.en)
		}
	}
	busy := catalog.Words{Chinese: "目录数据库正忙于其他写入", English: "the catalog is busy with other writes"}
	if got, want := sayf(report.English, "等候%s后重新发送 %d 个文件（服务器应答：%s）", durationWords(5*time.Second), 1, busy),
		"Waiting 5 seconds, then sending 1 file again (the server answered: the catalog is busy with other writes)"; got != want {
		t.Errorf("in English: %q, want %q", got, want)
	}
	if got, want := sayf(report.Chinese, "等候%s后重新发送 %d 个文件（服务器应答：%s）", durationWords(5*time.Second), 1, busy),
		"等候 5 秒后重新发送 1 个文件（服务器应答：目录数据库正忙于其他写入）"; got != want {
		t.Errorf("in Chinese: %q, want %q", got, want)
	}
}

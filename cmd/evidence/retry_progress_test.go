package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// An answer that takes some files of a request while refusing the others
// for now starts the waits again: a server answering 503, then taking one
// of three files, then the other two, is waited for 1 s and 1 s again
// (the first wait, not the doubled 2 s of a second busy answer in a row),
// and every file is stored once. A real server answers neither so on cue,
// hence this small stand-in.
func TestRemoteIngestWaitsAfreshOnceAFileIsTaken(t *testing.T) {
	defer func(d time.Duration) { retryFirstWait = d }(retryFirstWait)
	retryFirstWait = time.Second
	var mu sync.Mutex
	var sent [][]string // the files of each upload request
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/v1/me" {
			fmt.Fprint(w, `{"user":{"username":"coord","role":"coordinator","city":"420100"}}`)
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
		case 1: // busy, no Retry-After: the first wait
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"error":{"code":"EUNAVAILABLE","message":"服务器正在处理的上传较多，请稍后重新上传"}}`)
		case 2: // the first file taken, the other two refused for now
			w.WriteHeader(http.StatusCreated)
			fmt.Fprintf(w, `{"documents":[{"id":"d1","status":"indexed","part":0,"uploaded_as":%q}],"errors":[`+
				`{"part":1,"filename":%q,"error":{"code":"EUNAVAILABLE","message":"对象存储暂时无法处理请求，文件未保存；请稍后重试"}},`+
				`{"part":2,"filename":%q,"error":{"code":"EUNAVAILABLE","message":"对象存储暂时无法处理请求，文件未保存；请稍后重试"}}]}`,
				names[0], names[1], names[2])
		default:
			w.WriteHeader(http.StatusCreated)
			fmt.Fprintf(w, `{"documents":[{"id":"d2","status":"indexed","part":0,"uploaded_as":%q},{"id":"d3","status":"indexed","part":1,"uploaded_as":%q}]}`,
				names[0], names[1])
		}
	}))
	defer fake.Close()
	dir := t.TempDir()
	for name, text := range map[string]string{"01_通知.txt": "关于开展全民终身学习活动周的通知。",
		"02_总结.txt": "武汉市社区教育工作总结。", "03_方案.txt": "武汉市学分银行建设方案。"} {
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
	want := [][]string{{"01_通知.txt", "02_总结.txt", "03_方案.txt"}, {"01_通知.txt", "02_总结.txt", "03_方案.txt"}, {"02_总结.txt", "03_方案.txt"}}
	if !slices.EqualFunc(sent, want, slices.Equal) {
		t.Errorf("requests sent %q, want %q", sent, want)
	}
	if !strings.Contains(out.String(), "导入完成：新增 3，重复 0，失败 0") {
		t.Errorf("not every file stored once:\n%s", out.String())
	}
	stderr := errOut.String()
	for _, want := range []string{"等候 1 秒后重新发送 3 个文件（服务器应答：服务器正在处理的上传较多", "等候 1 秒后重新发送 2 个文件（服务器应答：对象存储暂时无法处理请求"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "等候 2 秒") {
		t.Errorf("the wait after an answer that took a file doubled:\n%s", stderr)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeServer answers /api/v1/me and each upload request with answer.
func fakeServer(t *testing.T, answer string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == "GET" && r.URL.Path == "/api/v1/me":
			w.Write([]byte(`{"user":{"username":"wang","role":"coordinator","city":"330100"}}`))
		case r.Method == "POST" && r.URL.Path == "/api/v1/documents":
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(answer))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func twoFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"01_学分银行方案.txt": "杭州市学分银行建设方案。", "02_社区教育总结.txt": "杭州市社区教育工作总结。"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The store going at a file of a request (review s25-cpu #4), and staying
// away past the wait for it (retryGiveUp, here none): the file stored
// before it is reported stored, the one refused counted not imported (it
// was not stored, and the next run sends it), and the import stops with
// the server's reason.
func TestRemoteIngestReportsTheFilesOfARequestTheStoreLeftMidway(t *testing.T) {
	defer func(d time.Duration) { retryGiveUp = d }(retryGiveUp)
	retryGiveUp = 0
	base := fakeServer(t, `{"documents":[{"id":"01HZZZZZZZZZZZZZZZZZZZZZZ1","status":"indexed","part":0,"uploaded_as":"01_学分银行方案.txt"}],
		"errors":[{"part":1,"filename":"02_社区教育总结.txt","error":{"code":"EUNAVAILABLE","message":"对象存储不可用(S3 服务无法连接),文件未保存;请稍后重试或联系管理员"}}]}`)
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"ingest", twoFiles(t), "--server", base, "--token", "t", "--city", "330100", "--type", "policy"}, &out, &errOut)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("exit %v, want 1\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	if stderr := errOut.String(); !strings.Contains(stderr, "新增 1") || !strings.Contains(stderr, "失败 0") || !strings.Contains(stderr, "未导入 1") ||
		!strings.Contains(stderr, "对象存储不可用") {
		t.Errorf("the stop does not count the request's stored and refused files, or say why:\n%s", stderr)
	}
	if got := out.String(); strings.Contains(got, "失败") {
		t.Errorf("a file is listed failed:\n%s", got)
	}
}

// A request of several files that the server refuses as too large (a file
// over its limit, which the import does not know) is sent again a file a
// request: the small files are stored, the large one alone refused
// (review s25-cpu #7).
func TestRemoteIngestSendsARequestTooLargeAFileAtATime(t *testing.T) {
	t.Setenv("EVIDENCE_MAX_UPLOAD", "1KiB")
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	dir := t.TempDir()
	for i, name := range []string{"1_社区学校名录.txt", "2_学习点简介.txt", "3_全年活动记录.txt", "4_志愿者名单.txt"} {
		body := "武汉市" + strings.TrimSuffix(name, ".txt") + "。"
		if i == 2 {
			body += strings.Repeat("终身学习活动周在各街道举行。", 60) // over 1 KiB
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"ingest", dir, "--server", s.base, "--token", s.token, "--city", "420100", "--type", "case"}, &out, &errOut)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("exit %v, want 1 (one file failed)\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	if got := out.String() + errOut.String(); !strings.Contains(got, "新增 3") || !strings.Contains(got, "失败 1") || !strings.Contains(got, "3_全年活动记录.txt") {
		t.Errorf("the files of a request too large are not sent alone:\n%s", got)
	}
}

// A server of an earlier build (a rolling upgrade) names no part in its
// answer: each entry is matched to its file by name, and the import of
// two files it stored ends well (review s25-cpu #6).
func TestRemoteIngestReadsAnAnswerThatNamesNoPart(t *testing.T) {
	base := fakeServer(t, `{"documents":[
		{"id":"01HZZZZZZZZZZZZZZZZZZZZZZ2","status":"indexed","uploaded_as":"02_社区教育总结.txt"},
		{"id":"01HZZZZZZZZZZZZZZZZZZZZZZ1","status":"indexed","uploaded_as":"01_学分银行方案.txt","duplicate":true}]}`)
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"ingest", twoFiles(t), "--server", base, "--token", "t", "--city", "330100", "--type", "policy", "--json"}, &out, &errOut)
	if err != nil {
		t.Fatalf("exit %v, want success\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
	got := out.String()
	if strings.Contains(got, "服务器应答中没有这个文件的结果") || !strings.Contains(got, "01HZZZZZZZZZZZZZZZZZZZZZZ2") {
		t.Errorf("the entries are not matched to their files by name:\n%s", got)
	}
	var report struct {
		Files []fileOutcome `json:"files"`
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil || len(report.Files) != 2 {
		t.Fatalf("the JSON report: %v, %d files, want 2", err, len(report.Files))
	}
	for _, f := range report.Files {
		if strings.HasSuffix(f.Path, "01_学分银行方案.txt") != f.Duplicate {
			t.Errorf("%s: duplicate %v, want only the first file a duplicate", f.Path, f.Duplicate)
		}
	}
}

// TestRemoteCheckKnowsTheAccount: the import's first call learns the
// token's account from the real server's /api/v1/me, which the counting
// of a file recorded before a 503 needs (busyAnswer.mayHaveRecorded).
func TestRemoteCheckKnowsTheAccount(t *testing.T) {
	s := startServer(t, "")
	c := &remote{base: s.base, token: s.token, client: &http.Client{}}
	if err := c.check(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.me, "admin") {
		t.Errorf("the token's account as check read it: %q, want the admin startServer made", c.me)
	}
}

package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/faultproxy"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// evidenceRun is what a person saw of one run of the evidence binary.
type evidenceRun struct {
	stdout, stderr string
	code           int // the exit code
}

// runEvidence runs this test binary as the evidence binary with args, as
// a person at a terminal would, and returns what it printed and its exit
// code. A run still going after ten minutes is killed and fails the test:
// a command that waits for ever is what some of these tests look for.
func runEvidence(t *testing.T, args ...string) evidenceRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), asEvidence+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("evidence %s still running after 10 minutes, killed:\n%s%s", strings.Join(args, " "), stdout.String(), stderr.String())
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("evidence %s: %v", strings.Join(args, " "), err)
	}
	return evidenceRun{stdout: stdout.String(), stderr: stderr.String(), code: cmd.ProcessState.ExitCode()}
}

// s3BehindProxy starts a real S3 server and points the archive's S3
// settings at a proxy in front of it, to take it away (Down) when a test
// says; the server ends with the test.
func s3BehindProxy(t *testing.T, bucket string) *faultproxy.Proxy {
	t.Helper()
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	t.Cleanup(g.Close)
	p := faultproxy.Start(t, g.Addr)
	useS3(t, p.Addr, bucket)
	return p
}

// lastLine is the last line a run wrote on stderr: where main says why it
// failed.
func (r evidenceRun) lastLine() string {
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	return lines[len(lines)-1]
}

// TestReindexAndRepairWithTheObjectStoreDown: the S3 store goes away
// before `evidence reindex` or `evidence repair` starts, or half-way
// through its work (cut at the same point every run: after half the
// bytes a whole run sends). Each command exits 1 with one line on stderr
// that says, in Chinese, that the object store cannot be reached and
// what to do, claims nothing on stdout, and leaves the archive as it
// was: once the store is back, `evidence check` finds every document
// indexed and the index agreeing with the catalog (none put back to be
// extracted because its text could not be read).
func TestReindexAndRepairWithTheObjectStoreDown(t *testing.T) {
	p := s3BehindProxy(t, "evidence-maintenance")
	data := filepath.Join(t.TempDir(), "data")
	files := t.TempDir()
	const docs = 12
	for n := range docs {
		if err := os.WriteFile(filepath.Join(files, fmt.Sprintf("材料%02d.txt", n)), []byte(faultText(n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if r := runEvidence(t, "ingest", files, "--data", data, "--city", "330100", "--type", "work_summary"); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	intact := func(after string) {
		t.Helper()
		if r := runEvidence(t, "check", "--data", data); r.code != 0 || !strings.Contains(r.stdout, "校验通过") {
			t.Errorf("check once the store is back, after %s: exit %d\n%s%s", after, r.code, r.stdout, r.stderr)
		}
		if r := runEvidence(t, "search", "--data", data, "学分银行"); !strings.Contains(r.stdout, fmt.Sprintf("共 %d 条结果", docs)) {
			t.Errorf("search once the store is back, after %s: exit %d, want %d documents found\n%s%s", after, r.code, docs, r.stdout, r.stderr)
		}
	}
	for _, tc := range []struct {
		command string
		done    string // what stdout says of a finished run
	}{
		{"reindex", "索引已重建"},
		{"repair", "没有需要重新提取的文档"},
	} {
		// A whole run, to measure what it sends.
		before := p.Uploaded()
		if r := runEvidence(t, tc.command, "--data", data); r.code != 0 || !strings.Contains(r.stdout, tc.done) {
			t.Fatalf("%s with the store up: exit %d\n%s%s", tc.command, r.code, r.stdout, r.stderr)
		}
		whole := p.Uploaded() - before

		for _, cut := range []struct {
			when string
			down func()
			says string // what the message names besides the object store
		}{
			{"before it starts", p.Down, "EVIDENCE_S3_ENDPOINT"},
			{"half-way", func() { p.DownAfterUploads(whole / 2) }, map[string]string{"reindex": "索引未重建，原有索引未改动", "repair": "请稍后重试"}[tc.command]},
		} {
			cut.down()
			start := time.Now()
			r := runEvidence(t, tc.command, "--data", data)
			t.Logf("%s with the store down %s: exit %d after %s; stdout %q; stderr %q", tc.command, cut.when, r.code, time.Since(start).Round(time.Second), r.stdout, r.stderr)
			p.Down() // in case the run sent less than half
			p.Up(t)
			msg := r.lastLine()
			if r.code != 1 || !strings.HasPrefix(msg, "evidence: ") || !strings.Contains(msg, "对象存储") || !strings.Contains(msg, cut.says) {
				t.Errorf("%s with the store down %s: exit %d, last line %q; want exit 1 naming the object store and %s\n%s",
					tc.command, cut.when, r.code, msg, cut.says, r.stderr)
			}
			if strings.Contains(msg, "停止 evidence serve") {
				t.Errorf("%s with the store down %s: %q puts it down to a server still running", tc.command, cut.when, msg)
			}
			if halfWidthNextToChinese.MatchString(msg) {
				t.Errorf("%s with the store down %s: %q has half-width punctuation next to Chinese", tc.command, cut.when, msg)
			}
			if strings.Contains(r.stdout, tc.done) {
				t.Errorf("%s with the store down %s says it finished:\n%s", tc.command, cut.when, r.stdout)
			}
			intact(tc.command + " with the store down " + cut.when)
		}
	}
}

// TestRepairStopsWhenTheStoreStaysDown: the S3 store goes away while
// `evidence repair` writes a document's text read again (cut half-way
// through that upload, at the same point every run). The pipeline would
// try again for ever, as a server's should; repair instead gives up once
// the store has stayed away for EVIDENCE_STORE_WAIT, exits 1 saying the
// store is unavailable and that serve finishes the document once it is
// back, and leaves the document stored, not failed.
func TestRepairStopsWhenTheStoreStaysDown(t *testing.T) {
	p := s3BehindProxy(t, "evidence-repair")
	t.Setenv("EVIDENCE_STORE_WAIT", "2s")
	data := filepath.Join(t.TempDir(), "data")
	files := t.TempDir()
	big := strings.Repeat(faultText(1), 2000) // 270 KB of text: its upload is most of what repair sends
	if err := os.WriteFile(filepath.Join(files, "台账.txt"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runEvidence(t, "ingest", files, "--data", data, "--city", "330100", "--type", "work_summary"); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "catalog.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	if err := db.QueryRow(`SELECT id FROM document WHERE filename = '台账.txt'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	damage := func() { // the text no longer matches what was written: check finds it, repair reads it again
		t.Helper()
		if _, err := db.Exec(`UPDATE text_hash SET text_sha256 = 'damaged'`); err != nil {
			t.Fatal(err)
		}
	}
	damage()
	before := p.Uploaded()
	if r := runEvidence(t, "repair", "--data", data); r.code != 0 || !strings.Contains(r.stdout, "重新提取 1 个文档") {
		t.Fatalf("repair with the store up: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	whole := p.Uploaded() - before

	damage()
	p.DownAfterUploads(whole - int64(len(big))/2)
	start := time.Now()
	r := runEvidence(t, "repair", "--data", data)
	t.Logf("repair with the store down while it writes: exit %d after %s; stdout %q; stderr %q", r.code, time.Since(start).Round(time.Second), r.stdout, r.stderr)
	msg := r.lastLine()
	if r.code != 1 || !strings.HasPrefix(msg, "evidence: ") || !strings.Contains(msg, "存储仍不可用") ||
		!strings.Contains(msg, "evidence serve") || !strings.Contains(msg, "对象存储") {
		t.Errorf("repair with the store staying down: exit %d, last line %q; want exit 1 saying the store is unavailable and serve finishes the rest", r.code, msg)
	}
	if halfWidthNextToChinese.MatchString(msg) {
		t.Errorf("repair with the store staying down: %q has half-width punctuation next to Chinese", msg)
	}
	if strings.Contains(r.stderr, ingest.UnavailableMessage) {
		t.Errorf("repair with the store staying down logs each retry, the store's raw error:\n%s", r.stderr)
	}
	var status string
	if err := db.QueryRow(`SELECT status FROM document WHERE id = ?`, id).Scan(&status); err != nil || status != "stored" {
		t.Errorf("the document repair was reading: %q %v, want stored, for serve", status, err)
	}
}

// TestIngestStopsWhenTheStoreStaysDown: the S3 store goes away while
// `evidence ingest` writes the text read from a big file (cut half-way
// through that upload), an empty file beside it refused. Once the store
// has stayed away for EVIDENCE_STORE_WAIT, ingest says on stdout, as a
// finished import does, what became of each file (the big one stored and
// left for evidence serve, the empty one failed and why) and not that the
// import is done; then, last on stderr, that the store is unavailable;
// exit 1, the big file's document stored, not failed.
func TestIngestStopsWhenTheStoreStaysDown(t *testing.T) {
	p := s3BehindProxy(t, "evidence-ingest")
	t.Setenv("EVIDENCE_STORE_WAIT", "2s")
	ingestFile := func(data, name, text string) evidenceRun {
		t.Helper()
		files := t.TempDir()
		if err := os.WriteFile(filepath.Join(files, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(files, "空白.txt"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		return runEvidence(t, "ingest", files, "--data", data, "--city", "330100", "--type", "work_summary")
	}
	// A whole import of a file as big, to measure what it sends.
	before := p.Uploaded()
	if r := ingestFile(filepath.Join(t.TempDir(), "data"), "台账一.txt", strings.Repeat(faultText(1), 2000)); r.code != 1 || !strings.Contains(r.stdout, "新增 1") {
		t.Fatalf("ingest with the store up: exit %d, want 1 for the empty file\n%s%s", r.code, r.stdout, r.stderr)
	}
	whole := p.Uploaded() - before

	big := strings.Repeat(faultText(2), 2000) // 270 KB of text: its upload is the second half of what ingest sends
	p.DownAfterUploads(whole - int64(len(big))/2)
	data := filepath.Join(t.TempDir(), "data")
	start := time.Now()
	r := ingestFile(data, "台账二.txt", big)
	t.Logf("ingest with the store down while it writes the text: exit %d after %s; stdout %q; stderr %q", r.code, time.Since(start).Round(time.Second), r.stdout, r.stderr)
	if msg := r.lastLine(); r.code != 1 || !strings.HasPrefix(msg, "evidence: ") || !strings.Contains(msg, "存储仍不可用") || !strings.Contains(msg, "evidence serve") {
		t.Errorf("ingest with the store staying down: exit %d, last line %q; want exit 1 saying the store is unavailable and serve finishes the rest", r.code, msg)
	}
	for _, want := range []string{"导入未完成：新增 1，重复 0，失败 1（共 2 个文件）", "  待处理  ", "台账二.txt：已保存，存储恢复后由 evidence serve 继续处理", "  失败  ", "空白.txt：文件“空白.txt”：文件为空"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("ingest with the store staying down: stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "导入完成") {
		t.Errorf("ingest with the store staying down says it finished:\n%s", r.stdout)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "catalog.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var status string
	if err := db.QueryRow(`SELECT status FROM document WHERE filename = '台账二.txt'`).Scan(&status); err != nil || status != "stored" {
		t.Errorf("the big file's document: %q %v, want stored, for serve", status, err)
	}
}

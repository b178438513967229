package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// TestMain lets the test binary be the sandbox's child: run with
// EVIDENCE_EXTRACT_CHILD=1 it answers one extraction request, as the
// evidence binary's extract-child command does.
//
// A test child with EVIDENCE_TEST_CHILD_START_DELAY set (a duration)
// pauses that long before it reads its first request.
//
// The child also knows formatStuck, a reader stuck for good: like a
// goroutine spinning in a library loop, it ignores its context and never
// returns, however fast the machine.
func TestMain(m *testing.M) {
	if os.Getenv("EVIDENCE_EXTRACT_CHILD") == "1" {
		// A child slow to start, as a fresh one is on a loaded machine:
		// it reads its request only after the pause.
		if d, err := time.ParseDuration(os.Getenv(childStartDelay)); err == nil {
			time.Sleep(d)
		}
		extractors[formatStuck] = func(context.Context, string, Limits) (*Result, error) {
			select {}
		}
		extractors[formatHungry] = readHungry
		extractors[formatHungryProgram] = readWithHungryProgram
		extractors[formatSlowHungry] = readSlowHungry
		extractors[formatExtendingHungry] = readExtendingHungry
		extractors[formatFrozen] = readFrozen
		extractors[formatPunctual] = readPunctual
		os.Exit(RunChild(os.Stdin, os.Stdout))
	}
	code := m.Run()
	if memhogPath != "" {
		os.RemoveAll(filepath.Dir(memhogPath))
	}
	os.Exit(code)
}

// formatStuck is the test child's reader that never returns (TestMain).
const formatStuck Format = "stuck-for-good"

func testSandbox(memory int64) *Sandbox {
	return &Sandbox{Command: []string{os.Args[0]}, Env: []string{"EVIDENCE_EXTRACT_CHILD=1"}, Memory: memory}
}

func TestSandboxReadsLikeInProcess(t *testing.T) {
	want, err := Extract(context.Background(), FormatDOCX, fixture("summary.docx"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := testSandbox(0).Extract(context.Background(), FormatDOCX, fixture("summary.docx"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Pages, "\f") != strings.Join(want.Pages, "\f") || got.Title != want.Title || got.Extractor != want.Extractor {
		t.Errorf("sandboxed %q %q, in process %q %q", got.Title, got.Pages, want.Title, want.Pages)
	}
	// The head as written crosses too: serve reads titles' marks from it.
	if got.Head == "" || got.Head != want.Head {
		t.Errorf("sandboxed head %q, in process %q", got.Head, want.Head)
	}
	_, inProcess := Extract(context.Background(), FormatPDF, fixture("truncated.pdf"), Limits{})
	_, err = testSandbox(0).Extract(context.Background(), FormatPDF, fixture("truncated.pdf"), Limits{})
	if code := catalog.ErrorCode(err); code != catalog.EINVALID {
		t.Errorf("a truncated PDF: got %v, want the same EINVALID as in process", err)
	}
	// The server's log gives the reason once, as in process, not the
	// file's name and the message twice each.
	if inProcess == nil || err == nil || err.Error() != inProcess.Error() {
		t.Errorf("a truncated PDF's error:\nsandboxed  %v\nin process %v", err, inProcess)
	}
	if _, err := testSandbox(0).Extract(context.Background(), FormatImage, fixture("photo.jpg"), Limits{DeferOCR: true}); !errors.Is(err, ErrNeedsOCR) {
		t.Errorf("a photo with OCR deferred: got %v, want ErrNeedsOCR", err)
	}
}

// TestSandboxEndsCraftedFiles holds the crafted files that took the server
// down when read in process: each ends within its time limit with a reason
// a coordinator can read, and nothing of it runs on afterwards.
func TestSandboxEndsCraftedFiles(t *testing.T) {
	tests := []struct {
		name string
		pdf  []byte
	}{
		// A page tree that contains itself: the PDF library loops forever.
		{"page tree containing itself", testpdf.SelfContainingPageTree()},
		// Millions of nested arrays in a content stream: the library's
		// memory grew to gigabytes.
		{"deeply nested content", testpdf.NestedArrays(20_000_000)},
		// One flate stream of text inflating to 300 MB (890 KB): 5.4 GB
		// in the server when the library read it in process.
		{"flate stream of 300 MB", testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
			testpdf.Deflated(bytes.Repeat([]byte("BT /F1 12 Tf 72 712 Td (credit bank learning city) Tj ET\n"), 300_000_000/56)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "crafted.pdf", tt.pdf)
			lim := Limits{Timeout: 3 * time.Second, DeferOCR: true}
			start := time.Now()
			res, err := testSandbox(512<<20).Extract(context.Background(), FormatPDF, path, lim)
			took := time.Since(start)
			// The page tree loops for ever: ending at all is the child
			// killed. A minute over the limit leaves a loaded machine
			// room to start and end a process.
			if took > lim.Timeout+time.Minute {
				t.Fatalf("took %s, past its %s limit", took, lim.Timeout)
			}
			if err == nil || errors.Is(err, ErrNeedsOCR) {
				// pdftotext may read it where the Go library cannot, or
				// find pages for OCR.
				t.Logf("ended after %s: %v %v", took.Round(time.Millisecond), res != nil, err)
				return
			}
			if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ETOOLARGE {
				t.Fatalf("got %v, want a failed document with a reason", err)
			}
			t.Logf("ended after %s: %s", took.Round(time.Millisecond), catalog.ErrorMessage(err))
		})
	}
}

func TestSandboxCapsItsOutputAndPassesProgress(t *testing.T) {
	if _, err := testSandbox(0).Extract(context.Background(), FormatTXT, fixture("news.utf8.txt"), Limits{MaxTextBytes: 64}); catalog.ErrorCode(err) != catalog.ETOOLARGE {
		t.Errorf("text over the limit: got %v, want ETOOLARGE", err)
	}
	needOCR(t)
	var calls [][2]int
	lim := Limits{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
	res, err := testSandbox(0).Extract(context.Background(), FormatImage, fixture("frames.tif"), lim)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 3 || len(calls) == 0 || calls[len(calls)-1] != [2]int{3, 3} {
		t.Errorf("pages %d, progress %v: want 3 pages and progress ending at 3 of 3", len(res.Pages), calls)
	}
}

// TestSandboxReusesOnlyACleanChild: a child that read a file cleanly takes
// the next one (a process start costs more than reading a small file),
// while one that was stopped by its deadline, or that a stuck reader may
// still be spinning in, is never given another file.
func TestSandboxReusesOnlyACleanChild(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	idle := func() []*child {
		sb.mu.Lock()
		defer sb.mu.Unlock()
		return append([]*child(nil), sb.idle...)
	}
	for i := range 3 {
		res, err := sb.Extract(context.Background(), FormatCSV, fixture("stats.gbk.csv"), Limits{})
		if err != nil || len(res.Pages) == 0 {
			t.Fatalf("reading %d: %v", i+1, err)
		}
	}
	kept := idle()
	if len(kept) != 1 || kept[0].uses != 3 {
		t.Fatalf("after three files one after another: %d idle children, want one that read all three", len(kept))
	}
	// The child gives up on the reader at its deadline, but the reader's
	// goroutine cannot be stopped and runs on in the child. The reader
	// never returns (formatStuck), so that no machine is fast enough to
	// finish it inside the deadline: a crafted PDF the library reads in
	// linear time was, on CI, and the child was rightly kept.
	_, err := sb.Extract(context.Background(), formatStuck, fixture("news.utf8.txt"), Limits{Timeout: time.Second})
	wantError(t, "a stuck reader in the child", err, catalog.EINVALID, "提取文字超时")
	if got := idle(); len(got) != 0 {
		t.Fatalf("the child that met a stuck reader was kept for another file")
	}
	// The parent ends an unfit child before Extract returns; a minute
	// only bounds the wait should it not.
	select {
	case <-kept[0].exited:
	case <-time.After(time.Minute):
		t.Fatal("the child that met a stuck reader is still running")
	}
}

// TestSandboxEndsAChildFinishingAfterClose: an extraction still running
// when the server closes the sandbox gives its clean child back after
// Close; it is ended then, not kept idle past the server's end.
func TestSandboxEndsAChildFinishingAfterClose(t *testing.T) {
	sb := testSandbox(0)
	c, err := sb.take()
	if err != nil {
		t.Fatal(err)
	}
	sb.Close()
	sb.give(c)
	// give decides at once: kept idle, a child would be in sb.idle now
	// (and end only at its idle timer, which a wait shorter than childIdle
	// told apart, on a machine fast enough to end it before that).
	sb.mu.Lock()
	kept := len(sb.idle)
	sb.mu.Unlock()
	if kept != 0 {
		t.Fatalf("%d idle children kept after Close", kept)
	}
	select {
	case <-c.exited:
	case <-time.After(time.Minute):
		t.Fatal("a child given back after Close is still running")
	}
}

// TestSandboxServesConcurrentExtractions: workers reading at once share the
// children without one's deadline watch ever killing a child another
// worker was given.
func TestSandboxServesConcurrentExtractions(t *testing.T) {
	sb := testSandbox(1 << 30)
	defer sb.Close()
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 30 {
				path := writeTemp(t, fmt.Sprintf("f%d-%d.csv", g, i), []byte(fmt.Sprintf("故障演练材料第 %d 号\n市社区教育学院开展学分银行试点 %d。\n", i, g)))
				if _, err := sb.Extract(context.Background(), FormatCSV, path, Limits{}); err != nil {
					t.Errorf("%d %d: %v", g, i, err)
				}
			}
		}()
	}
	wg.Wait()
}

// TestSandboxDoesNotBlameAFileForADeadIdleChild: a kept child killed while
// idle (the OOM killer, an operator) is not the next file's fault: the
// file is read by a fresh child.
func TestSandboxDoesNotBlameAFileForADeadIdleChild(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	if _, err := sb.Extract(context.Background(), FormatCSV, fixture("stats.gbk.csv"), Limits{}); err != nil {
		t.Fatal(err)
	}
	sb.mu.Lock()
	if len(sb.idle) != 1 {
		sb.mu.Unlock()
		t.Fatalf("%d idle children after one file, want 1", len(sb.idle))
	}
	dead := sb.idle[0]
	sb.mu.Unlock()
	dead.kill()
	<-dead.exited
	res, err := sb.Extract(context.Background(), FormatCSV, fixture("stats.gbk.csv"), Limits{})
	if err != nil || len(res.Pages) == 0 {
		t.Fatalf("the file after a dead idle child: %v, want it read by a fresh child", err)
	}
}

// TestSandboxReadsSmallPlainTextInTheServer holds which files skip the
// child: a sandbox whose child cannot start still reads a small plain-text
// file (and refuses an undecodable one with the same error as in process),
// while every other format, and plain text over maxInProcessText, needs
// the child.
func TestSandboxReadsSmallPlainTextInTheServer(t *testing.T) {
	noChild := &Sandbox{Command: []string{filepath.Join(t.TempDir(), "no-such-child")}}
	got, err := noChild.Extract(t.Context(), FormatTXT, fixture("news.gb18030.txt"), Limits{})
	if err != nil {
		t.Fatalf("a small GB18030 text file: %v", err)
	}
	want, err := Extract(t.Context(), FormatTXT, fixture("news.gb18030.txt"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Pages, "\f") != strings.Join(want.Pages, "\f") || got.Encoding != "gb18030" {
		t.Errorf("read in the server: %q (%s), want %q", got.Pages, got.Encoding, want.Pages)
	}
	if _, err := noChild.Extract(t.Context(), FormatTXT, fixture("random.txt"), Limits{}); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("random bytes named .txt: got %v, want EINVALID", err)
	}

	big := filepath.Join(t.TempDir(), "big.txt")
	line := strings.Repeat("学分银行建设", 20) + "\n"
	if err := os.WriteFile(big, []byte(strings.Repeat(line, maxInProcessText/len(line)+1)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		format Format
		path   string
	}{{FormatTXT, big}, {FormatDOCX, fixture("summary.docx")}, {FormatCSV, fixture("stats.gbk.csv")}} {
		if _, err := noChild.Extract(t.Context(), f.format, f.path, Limits{}); err == nil {
			t.Errorf("%s %s was read without its child", f.format, filepath.Base(f.path))
		}
	}
	if res, err := testSandbox(0).Extract(t.Context(), FormatTXT, big, Limits{}); err != nil || !strings.HasPrefix(res.Pages[0], "学分银行建设") {
		t.Errorf("a large text file in the child: %v", err)
	}
}

// TestSandboxDoesNotCallAFileDamagedWhenItsChildIsKilled: a child ended
// by someone else's SIGKILL while reading (the kernel's OOM killer when
// the server runs short of memory) does not make the file "damaged"; the
// reason says what happened and that a retry may work.
func TestSandboxDoesNotCallAFileDamagedWhenItsChildIsKilled(t *testing.T) {
	sb := &Sandbox{Command: []string{"sh", "-c", "read request; kill -9 $$"}}
	defer sb.Close()
	_, err := sb.Extract(context.Background(), FormatCSV, fixture("stats.gbk.csv"), Limits{})
	msg := catalog.ErrorMessage(err)
	if err == nil || strings.Contains(msg, "已损坏") || !strings.Contains(msg, "强制结束") {
		t.Errorf("a child killed from outside: %v (%q); want a reason saying it was ended, not that the file is damaged", err, msg)
	}
}

// TestSandboxThatCannotStartForNowIsRetried: a child that cannot be
// started for want of processes or files is the server's passing
// shortage (EUNAVAILABLE: the document is read again later); a missing
// binary is not.
func TestSandboxThatCannotStartForNowIsRetried(t *testing.T) {
	for _, c := range []struct {
		err  error
		code string
	}{
		{&os.PathError{Op: "fork/exec", Path: "evidence", Err: syscall.EAGAIN}, catalog.EUNAVAILABLE},
		{&os.PathError{Op: "fork/exec", Path: "evidence", Err: syscall.EMFILE}, catalog.EUNAVAILABLE},
		{&os.PathError{Op: "fork/exec", Path: "evidence", Err: syscall.ENOENT}, catalog.EINTERNAL},
	} {
		if got := startError(c.err); catalog.ErrorCode(got) != c.code {
			t.Errorf("%v: %s (%v), want %s", c.err, catalog.ErrorCode(got), got, c.code)
		}
	}
}

package extract

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestThumbnailAnswersBusyWhileTheBudgetIsSpent: while other readings
// hold the whole budget, a page thumbnail waits a few seconds at most
// and answers EUNAVAILABLE with Retry-After, saying other files are being
// read, instead of leaving a blank picture for minutes; once the budget
// is free, the page is drawn.
func TestThumbnailAnswersBusyWhileTheBudgetIsSpent(t *testing.T) {
	const share = 128 << 20
	sb := hungrySandbox(t, share, 4*processesPerReading*share)
	sb.ThumbnailWait = 200 * time.Millisecond
	release, err := sb.Budget.reserve(t.Context(), sb.Budget.Total())
	if err != nil {
		t.Fatal(err)
	}
	// Without a bound the call waits as long as its caller: a minute here.
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	_, err = sb.Thumbnail(ctx, fixture("scan.png"), MIMEPNG, 1, 200, 10*time.Second)
	retry, ok := catalog.RetryAfter(err)
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !ok || retry <= 0 || catalog.ErrorMessage(err) != "正在读取其他文件，请稍候再试" {
		t.Fatalf("a thumbnail while the budget is spent: %v (Retry-After %v), want EUNAVAILABLE 正在读取其他文件，请稍候再试 with Retry-After", err, retry)
	}
	release()
	out, err := sb.Thumbnail(ctx, fixture("scan.png"), MIMEPNG, 1, 200, 10*time.Second)
	if err != nil {
		t.Fatalf("the thumbnail once the budget is free: %v", err)
	}
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Fatalf("the thumbnail once the budget is free is no PNG: %v", err)
	}
}

// formatSlowHungry is the test child's reader that takes a while and
// then needs more than a share of memory (readSlowHungry).
const formatSlowHungry Format = "slow-and-hungry"

// readSlowHungry sleeps the duration its file names, then, under a
// limit below 300 MiB, runs out of memory as a program at its limit
// does; with more it reads the file.
func readSlowHungry(ctx context.Context, path string, _ Limits) (*Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := time.ParseDuration(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("slow file %q: %w", data, err)
	}
	select {
	case <-time.After(d):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if helperMemoryLimit() < 300<<20 {
		return nil, fmt.Errorf("read %s: %w", path, errHelperTooComplex("sh", errHelperMemory))
	}
	return &Result{Pages: []string{"学习型城市建设年报"}, Extractor: "slow-hungry"}, nil
}

// TestReadingAloneSharesTheFirstAttemptsTime: a file that runs out of
// its share after most of its time is read again alone with what is
// left of it, not a fresh Timeout: a reading takes one Timeout in all,
// and the error names that Timeout (not the little left of it). One that needs less than its Timeout
// in all still reads alone.
func TestReadingAloneSharesTheFirstAttemptsTime(t *testing.T) {
	if lookProgram("prlimit") == "" {
		skipOutsideCI(t, "no prlimit here: install util-linux")
	}
	const share = 128 << 20
	sb := hungrySandbox(t, share, 4*processesPerReading*share)
	// 3 s before running out and 3 s more alone: 6 s, past a Timeout of
	// 5 s (alone with a fresh Timeout it would read).
	slow := writeTemp(t, "慢的年报.slow", []byte("3s"))
	_, err := sb.Extract(t.Context(), formatSlowHungry, slow, Limits{Timeout: 5 * time.Second})
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "提取文字超时") || !strings.Contains(catalog.ErrorMessage(err), "5 秒") {
		t.Errorf("a reading of 6 s in all (3 s in its share, 3 s alone) under a Timeout of 5 s: %v, want the time-out of 5 s", err)
	}
	// 0.5 s and 0.5 s more: within 5 s in all.
	quick := writeTemp(t, "快的年报.slow", []byte("500ms"))
	res, err := sb.Extract(t.Context(), formatSlowHungry, quick, Limits{Timeout: 5 * time.Second})
	if err != nil || len(res.Pages) != 1 || res.Pages[0] != "学习型城市建设年报" {
		t.Errorf("a reading of 1 s in all under a Timeout of 5 s: %v %v, want it read alone", res, err)
	}
}

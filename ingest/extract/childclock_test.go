package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// childStartDelay names the pause a test child takes before it reads its
// first request (TestMain).
const childStartDelay = "EVIDENCE_TEST_CHILD_START_DELAY"

// formatPunctual is the test child's reader that answers a set time
// before its own deadline (readPunctual).
const formatPunctual Format = "punctual"

// readPunctual reads a file that says how long before its reading's
// deadline it answers ("1s"), waits until then and answers.
func readPunctual(ctx context.Context, path string, _ Limits) (*Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	early, err := time.ParseDuration(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("punctual file %q: %w", data, err)
	}
	at, _ := ctx.Deadline()
	select {
	case <-time.After(time.Until(at) - early):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &Result{Pages: []string{"全民终身学习活动周总结"}, Extractor: "punctual"}, nil
}

// TestAChildSlowToStartAnswersInItsReadingsTime: a fresh child that a
// loaded machine starts 4 s late reads its request then, and answers a
// second before its deadline. Its deadline is the reading's, 6 s after
// the reading began, as its parent's is: the answer (at 5 s) is read,
// 3 s before the parent would kill it (at 6 s and its grace of 2 s: the
// margin is for CI's two loaded cores). A child that counted its 6 s
// from its own start answered at 9 s, and was killed as timed out
// (提取文字超时) at 8 s.
func TestAChildSlowToStartAnswersInItsReadingsTime(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	sb.Env = append(sb.Env, childStartDelay+"=4s")
	sb.grace = 2 * time.Second
	path := writeTemp(t, "学习型城市建设年报.punctual", []byte("1s"))
	start := time.Now()
	res, err := sb.Extract(t.Context(), formatPunctual, path, Limits{Timeout: 6 * time.Second})
	took := time.Since(start)
	if err != nil || len(res.Pages) != 1 || res.Pages[0] != "全民终身学习活动周总结" {
		t.Fatalf("a child 4 s slow to start, answering a second before its deadline: %v after %s, want it read", err, took.Round(time.Millisecond))
	}
	t.Logf("read after %s", took.Round(time.Millisecond))
}

// TestAThumbnailRequestArrivingLateHasWhatIsLeft: a child that reads a
// thumbnail's request after the thumbnail's time is up (its start took
// 2 s of the 1 s) answers at once that the page was not drawn in time,
// naming the limit configured, not the nothing left of it; one that
// arrives in time draws the page.
func TestAThumbnailRequestArrivingLateHasWhatIsLeft(t *testing.T) {
	ask := func(late time.Duration) childRequest {
		req := childRequest{Path: fixture("photo.jpg"), Limits: Limits{Timeout: time.Second}, Started: machineClock() - late.Nanoseconds(),
			Thumbnail: &thumbnailRequest{MIME: MIMEJPEG, Page: 1, LongSide: 120}}
		req.arrive()
		return req
	}
	m := thumbnailAnswer(ask(2 * time.Second))
	if len(m.PNG) > 0 || m.Error == nil {
		t.Fatalf("a thumbnail request read 2 s into its 1 s: drawn %d bytes, error %v; want it out of time", len(m.PNG), m.Error)
	}
	wantError(t, "a thumbnail request read past its time", m.Error, catalog.EUNAVAILABLE, "第 1 页的缩略图在 1 秒 内没有画完")
	if m := thumbnailAnswer(ask(0)); len(m.PNG) == 0 {
		t.Errorf("a thumbnail request read in time: %+v, want the page drawn", m)
	}
}

// TestATableRequestArrivingLateSaysItRanOutOfTime: a child that reads a
// table's request after the table's time is up answers that the table
// took too long, naming its limit, as its parent does when it kills a
// child at that limit; not that the file is damaged (the reader, stopped,
// could not read it). One that arrives in time reads the table.
func TestATableRequestArrivingLateSaysItRanOutOfTime(t *testing.T) {
	ask := func(late time.Duration) childRequest {
		req := childRequest{Path: fixture("ledger.xls"), Started: machineClock() - late.Nanoseconds(),
			Limits: Limits{Timeout: tableTimeout, MaxTextBytes: maxTableAnswer}.withDefaults(), Table: &tableRequest{MaxRows: 100}}
		req.arrive()
		return req
	}
	m := tableAnswer(ask(tableTimeout + time.Second))
	if m.Sheet != nil || m.Error == nil {
		t.Fatalf("a table request read past its %s: sheet %v, error %v (%s); want it out of time", tableTimeout, m.Sheet != nil, m.Error, m.Detail)
	}
	wantError(t, "a table request read past its time", m.Error, catalog.ETOOLARGE, "读取超过时间上限（30 秒）")
	if m := tableAnswer(ask(0)); m.Sheet == nil || len(m.Sheet.Records) == 0 {
		t.Errorf("a table request read in time: %+v, want the sheet read", m)
	}
}

// TestAnUnpackingChildSlowToStartIsNotKilledAsStalled: a fresh child that
// a loaded machine starts 4 s late, its unpacking's stall limit 2 s,
// unpacks the archive whole: the stall counts the child's silence once it
// has read its request, not its start, which no heartbeat can cover. A
// watch that counted from its own start killed it as stalled at 2 s
// (ErrArchiveTime), the archive's files never read. The total time still
// counts from the start: 3 s of it are spent before the child arrives.
func TestAnUnpackingChildSlowToStartIsNotKilledAsStalled(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	sb.Env = append(sb.Env, childStartDelay+"=4s")
	got := map[string]int64{}
	choose, take := takeAll(got)
	start := time.Now()
	err := sb.Unpack(t.Context(), Archive7z, archiveFixture("材料汇总.7z"), UnpackLimits{Stall: 2 * time.Second}, choose, take)
	if took := time.Since(start); err != nil || len(got) < 2 {
		t.Fatalf("a child 4 s slow to start, stall limit 2 s: %v after %s, files %v; want the archive unpacked", err, took.Round(time.Millisecond), got)
	}

	start = time.Now()
	err = sb.Unpack(t.Context(), Archive7z, archiveFixture("材料汇总.7z"), UnpackLimits{Stall: 2 * time.Second, Timeout: 3 * time.Second}, choose, take)
	if took := time.Since(start); !errors.Is(err, ErrArchiveTime) || took > 3500*time.Millisecond+2*time.Second {
		t.Errorf("a child 4 s slow to start, total time 3 s: %v after %s; want ErrArchiveTime at 3 s", err, took.Round(time.Millisecond))
	}
}

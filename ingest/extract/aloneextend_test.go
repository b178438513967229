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

// formatExtendingHungry is the test child's reader that asks for more
// time as OCR does and needs more than a share of memory
// (readExtendingHungry).
const formatExtendingHungry Format = "extending-and-hungry"

// readExtendingHungry reads a file "E X how". Under a limit below
// 300 MiB it asks E more time (the pages it OCRs before it runs out) and
// runs out of memory as a program at its limit does. With more, read
// alone, it asks E again (the same pages read again) and X more (the
// pages after them), then either answers a second before its own
// deadline (how "answers") or stops its process dead (how "stops": a
// child stuck where its own clock cannot end it, which only its parent's
// kill ends).
func readExtendingHungry(ctx context.Context, path string, _ Limits) (*Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var e, x time.Duration
	var how string
	if f := strings.Fields(string(data)); len(f) == 3 {
		e, err = time.ParseDuration(f[0])
		if err == nil {
			x, err = time.ParseDuration(f[1])
		}
		how = f[2]
	}
	if err != nil || (how != "answers" && how != "stops") {
		return nil, fmt.Errorf("extending file %q: %v", data, err)
	}
	extendDeadline(ctx, e)
	if helperMemoryLimit() < 300<<20 {
		return nil, fmt.Errorf("read %s: %w", path, errHelperTooComplex("tesseract", errHelperMemory))
	}
	extendDeadline(ctx, x)
	if how == "stops" {
		freezeChild()
	}
	at, _ := ctx.Deadline()
	select {
	case <-time.After(time.Until(at) - time.Second):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &Result{Pages: []string{"学习型城市建设年报"}, Extractor: "extending-hungry"}, nil
}

// TestReadingAloneKeepsItsExtensions: a scan that ran out of its share
// of memory after OCRing some pages is read again alone, and asks again
// for those pages' time (granted once: the reading's credit) and for the
// pages after them. Its parent kills it no earlier than its own deadline
// (review s45 #1: the parent took the credit a second time and killed the
// child as timed out that much before it), and still kills one that
// never answers.
func TestReadingAloneKeepsItsExtensions(t *testing.T) {
	if lookProgram("prlimit") == "" {
		skipOutsideCI(t, "no prlimit here: install util-linux")
	}
	const share = 128 << 20
	sb := hungrySandbox(t, share, 4*processesPerReading*share)
	// Parent and child count from the same moment (childclock.go), so
	// the grace and the child's answering a second early are only for
	// a loaded machine's late timers and pipes: 4 s in all (the whole
	// suite runs on CI's two cores). The product's
	// promise is itself one of wall clocks, so the margin is one too.
	// The credit (6 s, the pages OCR'd in the share) is larger than that
	// margin, so a parent that took it twice still kills the child
	// before it answers, with 2 s to spare; and larger than the first
	// child's time and both children's starts, which the reading's time
	// now counts, however slow they are, so that time is left to read
	// alone.
	sb.grace = 3 * time.Second
	// 1 s, 6 s for the pages OCR'd in the share and 2 s for the pages
	// after them: the child's deadline is 9 s after the reading began
	// and it answers at 8 s; its parent kills at 12 s. Taking the 6 s
	// as credit twice, the parent killed it at 6 s.
	scan := writeTemp(t, "全市社区教育年报扫描件.extending", []byte("6s 2s answers"))
	res, err := sb.Extract(t.Context(), formatExtendingHungry, scan, Limits{Timeout: time.Second})
	if err != nil || len(res.Pages) != 1 || res.Pages[0] != "学习型城市建设年报" {
		t.Errorf("a scan read alone that answers before its own deadline: %v %v, want it read", res, err)
	}
	// 3 s OCR'd in the share: time left to read it alone after a first
	// child slow to start. Killed at 7.3 s.
	stuck := writeTemp(t, "卡住的扫描件.extending", []byte("3s 300ms stops"))
	_, err = sb.Extract(t.Context(), formatExtendingHungry, stuck, Limits{Timeout: time.Second})
	if !errors.Is(err, errChildDeadline) || catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "提取文字超时") {
		t.Errorf("a scan read alone that never answers: %v, want it killed at its deadline (提取文字超时)", err)
	}
}

// TestAloneClocksAgreeOnExtensions: the review's scan of 300 pages, whose
// first child ran 30 min and was granted 40 min for the pages it OCR'd,
// read alone: the child asks a minute for each of 100 pages. The child's
// clock grants the reading Timeout plus the larger of the two attempts'
// extensions, 100 min, not 140; the parent's clock over it grants the
// same plus its grace, not 40 min less. One that asks less than it was
// granted before has no more than that.
func TestAloneClocksAgreeOnExtensions(t *testing.T) {
	const grace = 5 * time.Second
	lim := Limits{Timeout: time.Minute, Spent: 30 * time.Minute, Extended: 40 * time.Minute}
	for _, tc := range []struct {
		pages int
		want  time.Duration // the child's budget
	}{
		{100, time.Minute + 100*time.Minute},
		{20, time.Minute + 40*time.Minute},
	} {
		parent, cancelParent := lim.watch(t.Context(), grace)
		tell := context.WithValue(t.Context(), extendNotifyKey{}, parent.extend)
		child, cancelChild := lim.deadline(tell)
		for range tc.pages {
			extendDeadline(child, time.Minute)
		}
		if got := child.budget(); got != tc.want {
			t.Errorf("%d pages asked alone: the child's budget %v, want %v", tc.pages, got, tc.want)
		}
		if got := parent.budget(); got != tc.want+grace {
			t.Errorf("%d pages asked alone: the parent's budget %v, want the child's %v plus %v", tc.pages, got, tc.want, grace)
		}
		cancelChild()
		cancelParent()
	}
}

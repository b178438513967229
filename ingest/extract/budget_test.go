package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// formatHungry is the test child's memory-hungry reader (readHungry).
const formatHungry Format = "hungry-for-memory"

// hungryMarkers names the folder where each test child reading a hungry
// file leaves, while it holds its memory, a file with the memory limit it
// was given (the limit of the programs it would start, helperMemory):
// what the children read at once, seen from the children themselves.
const hungryMarkers = "EVIDENCE_TEST_HUNGRY_MARKERS"

// readHungry takes the MiB its file names and holds them, touched, for a
// moment, then answers with the most the children reading at once were
// limited to in sum, as the markers say.
func readHungry(_ context.Context, path string, _ Limits) (*Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	mib, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("hungry file %q: %w", data, err)
	}
	held := make([]byte, mib<<20)
	for i := 0; i < len(held); i += 4096 {
		held[i] = 1
	}
	dir := os.Getenv(hungryMarkers)
	marker := filepath.Join(dir, strconv.Itoa(os.Getpid()))
	if err := os.WriteFile(marker, []byte(strconv.FormatInt(helperMemoryLimit(), 10)), 0o644); err != nil {
		return nil, err
	}
	defer os.Remove(marker)
	var most int64
	for range 20 {
		most = max(most, markedLimits(dir))
		time.Sleep(10 * time.Millisecond)
	}
	held[len(held)-1] = 2
	// Three pages of bare numbers: pages are normalised, their figures kept.
	return &Result{Pages: []string{strconv.Itoa(mib), strconv.FormatInt(most, 10), strconv.FormatInt(helperMemoryLimit(), 10)}, Extractor: "hungry"}, nil
}

// markedLimits is the sum of the limits in the markers of dir.
func markedLimits(dir string) int64 {
	entries, _ := os.ReadDir(dir)
	var sum int64
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue // ended meanwhile
		}
		n, _ := strconv.ParseInt(string(data), 10, 64)
		sum += n
	}
	return sum
}

// hungrySandbox is a test sandbox of children of memory each, under a
// budget of total, whose hungry readers mark their limits in a folder.
func hungrySandbox(t *testing.T, memory, total int64) *Sandbox {
	sb := testSandbox(memory)
	sb.Env = append(sb.Env, hungryMarkers+"="+t.TempDir())
	sb.Budget = NewMemoryBudget(total)
	t.Cleanup(sb.Close)
	return sb
}

// readHungryFile reads a hungry file that takes mib MiB, and returns
// the child's answer: the limits of the children reading with it and its own.
func readHungryFile(t *testing.T, sb *Sandbox, name string, mib int) (most, own int64, err error) {
	path := writeTemp(t, name, []byte(strconv.Itoa(mib)))
	res, err := sb.Extract(context.Background(), formatHungry, path, Limits{Timeout: 2 * time.Minute})
	if err != nil {
		return 0, 0, err
	}
	if len(res.Pages) != 3 || res.Pages[0] != strconv.Itoa(mib) {
		t.Fatalf("answer %q, want %d MiB read and two limits", res.Pages, mib)
	}
	most, err1 := strconv.ParseInt(res.Pages[1], 10, 64)
	own, err2 := strconv.ParseInt(res.Pages[2], 10, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("answer %q: %v %v", res.Pages, err1, err2)
	}
	return most, own, nil
}

// TestMemoryBudgetBoundsTheReadingsAtOnce: eight memory-hungry readings
// asked at once, under a budget for four, never hold more than the budget
// at once, counting for each child the program it may start: the children
// themselves see at most four of them reading (issue 15: crafted PDFs
// uploaded together took server and readers past 1.5 GiB, each child
// bounded alone and nothing bounding their sum).
func TestMemoryBudgetBoundsTheReadingsAtOnce(t *testing.T) {
	const share = 128 << 20
	const budget = 4 * processesPerReading * share
	sb := hungrySandbox(t, share, budget)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var most int64
	for i := range 8 {
		wg.Go(func() {
			m, own, err := readHungryFile(t, sb, fmt.Sprintf("台账%d.hungry", i), 16)
			if err != nil {
				t.Errorf("reading %d of 16 MiB under a share of %s: %v", i, formatBytes(share), err)
				return
			}
			if own != share {
				t.Errorf("reading %d: child limited to %s, want its share %s", i, formatBytes(own), formatBytes(share))
			}
			mu.Lock()
			most = max(most, m)
			mu.Unlock()
		})
	}
	wg.Wait()
	if got := processesPerReading * most; got > budget {
		t.Errorf("children reading at once were limited to %s in sum (with their programs), past the budget %s", formatBytes(got), formatBytes(budget))
	}
	if peak := sb.Budget.Peak(); peak > budget || peak < processesPerReading*share {
		t.Errorf("the budget's most reserved at once: %s, want between one reading's %s and the budget %s", formatBytes(peak), formatBytes(processesPerReading*share), formatBytes(budget))
	}
	t.Logf("most limits in sum seen by the children: %s (with their programs %s) of %s", formatBytes(most), formatBytes(processesPerReading*most), formatBytes(budget))
}

// TestMemoryBudgetReadsABigFileAlone: a reading that needs more than its
// share but less than the whole budget runs out of its share, is read
// again alone with the whole budget, and succeeds; one that needs more
// than the whole budget fails naming the limit it ran out of.
func TestMemoryBudgetReadsABigFileAlone(t *testing.T) {
	const share = 128 << 20
	const budget = 4 * processesPerReading * share
	sb := hungrySandbox(t, share, budget)
	var wg sync.WaitGroup
	for i := range 3 { // small readings beside it, for it to wait for
		wg.Go(func() {
			if _, _, err := readHungryFile(t, sb, fmt.Sprintf("小台账%d.hungry", i), 16); err != nil {
				t.Errorf("small reading %d: %v", i, err)
			}
		})
	}
	most, own, err := readHungryFile(t, sb, "大台账.hungry", 300)
	if err != nil {
		t.Fatalf("a reading of 300 MiB, past its share %s and within the budget %s: %v", formatBytes(share), formatBytes(budget), err)
	}
	if want := int64(budget / processesPerReading); own != want || most != want {
		t.Errorf("the big reading's child was limited to %s with %s in sum at once, want %s alone", formatBytes(own), formatBytes(most), formatBytes(want))
	}
	wg.Wait()
	_, _, err = readHungryFile(t, sb, "超大台账.hungry", 900)
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), formatBytes(budget/processesPerReading)) {
		t.Errorf("a reading of 900 MiB, past the whole budget: got %v, want EINVALID naming the limit %s", err, formatBytes(budget/processesPerReading))
	}
	if peak := sb.Budget.Peak(); peak > budget {
		t.Errorf("reserved at once %s, past the budget %s", formatBytes(peak), formatBytes(budget))
	}
}

// formatHungryProgram is the test child's reader whose program runs out
// of memory below 300 MiB (readWithHungryProgram).
const formatHungryProgram Format = "program-hungry-for-memory"

// readWithHungryProgram starts a program that, under a limit below
// 300 MiB, says what poppler says at its limit and fails, as pdftotext on
// a file that needs that much; under more it reads the file.
func readWithHungryProgram(ctx context.Context, path string, _ Limits) (*Result, error) {
	script := "cat \"$1\""
	if helperMemoryLimit() < 300<<20 {
		script = "echo 'terminate called after throwing an instance of std::bad_alloc' >&2; exit 1"
	}
	cmd := newHelperCmd(ctx, "/bin/sh", "-c", script, "sh", path)
	stdout := &cappedBuffer{max: 1 << 20}
	stderr := &cappedBuffer{max: 4096, discard: true}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.run(); err != nil {
		if cmd.outOfMemory(stderr, err) {
			return nil, fmt.Errorf("read %s: %w", filepath.Base(path), errHelperTooComplex("sh", err))
		}
		return nil, fmt.Errorf("sh: %w", err)
	}
	return &Result{Pages: []string{stdout.buf.String() + strconv.FormatInt(helperMemoryLimit(), 10)}, Extractor: "hungry-program"}, nil
}

// TestMemoryBudgetReadsAgainWhenTheProgramRanOut: the program a child
// starts runs out of its share (as pdftotext does on a PDF that needs
// more), and the file is read again alone, the program given its half of
// the whole budget.
func TestMemoryBudgetReadsAgainWhenTheProgramRanOut(t *testing.T) {
	if lookProgram("prlimit") == "" {
		skipOutsideCI(t, "no prlimit here: install util-linux")
	}
	const share = 128 << 20
	const budget = 4 * processesPerReading * share
	sb := hungrySandbox(t, share, budget)
	path := writeTemp(t, "学习型城市建设年报.txt", []byte("学习型城市建设年报"))
	res, err := sb.Extract(context.Background(), formatHungryProgram, path, Limits{Timeout: time.Minute})
	if err != nil {
		t.Fatalf("a file whose program needs more than its share %s: %v", formatBytes(share), err)
	}
	if want := "学习型城市建设年报" + strconv.Itoa(budget/processesPerReading); len(res.Pages) != 1 || res.Pages[0] != want {
		t.Errorf("read %q, want %q: the program read alone with half the budget", res.Pages, want)
	}
}

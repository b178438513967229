package extract

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// TestEveryProgramIsStartedByTheHelper: no program the extraction path
// runs escapes startHelper's limits. A program started any other way
// inherits its sandbox child's limit, which counts the Go runtime's
// reservation: pdftotext reached 2.7 GiB under it. Only the sandbox
// child itself (our own binary, which limits itself) is started directly.
func TestEveryProgramIsStartedByTheHelper(t *testing.T) {
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	direct := regexp.MustCompile(`\.(Start|Run|Output|CombinedOutput)\(\)`)
	allowed := map[string]int{"helper.go": 1, "sandboxpool.go": 1}
	for _, f := range files {
		name := f.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		n := len(direct.FindAll(data, -1))
		if n > allowed[name] {
			t.Errorf("%s starts a program %d times without startHelper/runHelper (allowed %d)", name, n, allowed[name])
		}
	}
}

// TestStartHelperLimitsTheProgram: a started program has the helper's
// address-space limit (not the inherited one) and a CPU limit, as the
// kernel reports them in /proc/PID/limits.
func TestStartHelperLimitsTheProgram(t *testing.T) {
	if _, err := os.Stat("/proc/self/limits"); err != nil {
		t.Skip("no /proc here")
	}
	defer helperMemory.Store(helperMemory.Load())
	helperMemory.Store(300 << 20)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "cat") // waits on its input until we close it
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := startHelper(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	limits, err := os.ReadFile("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/limits")
	in.Close()
	cmd.Wait()
	if err != nil {
		t.Fatal(err)
	}
	field := func(name string) []string {
		for _, line := range strings.Split(string(limits), "\n") {
			if rest, ok := strings.CutPrefix(line, name); ok {
				return strings.Fields(rest)
			}
		}
		t.Fatalf("no %q in\n%s", name, limits)
		return nil
	}
	if as := field("Max address space"); as[0] != strconv.Itoa(300<<20) || as[1] != strconv.Itoa(300<<20) {
		t.Errorf("address space %v, want %d", as, 300<<20)
	}
	if cpu := field("Max cpu time"); cpu[0] == "unlimited" {
		t.Errorf("cpu time %v, want a limit", cpu)
	}
}

// TestPdftotextOutOfMemoryIsTooComplex: the PDF whose content stream
// nests millions of arrays (49 KB compressed) drove pdftotext, started
// from the sandbox child, to 2.7 GiB, and its reason was "已损坏" one time
// and "每一页都是空白" another. Held to the sandbox's share, it ends
// failed with the memory reason, the same every time.
func TestPdftotextOutOfMemoryIsTooComplex(t *testing.T) {
	needPdftotext(t)
	path := writeTemp(t, "嵌套数组.pdf", testpdf.NestedArrays(20_000_000))
	for run := range 2 {
		_, err := testSandbox(256<<20).Extract(context.Background(), FormatPDF, path, Limits{Timeout: 20 * time.Second, DeferOCR: true})
		msg := catalog.ErrorMessage(err)
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(msg, "文件结构异常复杂") || !strings.Contains(msg, "256 MiB") {
			t.Fatalf("run %d: got %v, want EINVALID saying the file needs more than 256 MiB", run+1, err)
		}
	}
}

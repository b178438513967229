package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

var (
	memhogOnce sync.Once
	memhogPath string
	memhogErr  error
)

// memhog builds testdata/memhog, a C program that runs out of memory the
// ways a reader does (its source says why C), once for the package's
// tests, with the C compiler (Debian's gcc, which .ci/run installs).
func memhog(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/proc/self/limits"); err != nil || lookProgram("prlimit") == "" {
		skipOutsideCI(t, "no prlimit or no /proc here")
	}
	cc := lookProgram("cc")
	if cc == "" {
		skipOutsideCI(t, "no C compiler (cc) here: install Debian's gcc")
	}
	memhogOnce.Do(func() {
		dir, err := os.MkdirTemp("", "memhog")
		if err != nil {
			memhogErr = err
			return
		}
		memhogPath = filepath.Join(dir, "memhog")
		build := exec.Command(cc, "-O1", "-o", memhogPath, "testdata/memhog/memhog.c")
		if out, err := build.CombinedOutput(); err != nil {
			memhogErr = fmt.Errorf("%w: %s", err, out)
		}
	})
	if memhogErr != nil {
		t.Fatalf("build testdata/memhog: %v", memhogErr)
	}
	return memhogPath
}

// inSmallProcess reports whether the test runs in a fresh process of the
// test binary; when not, it runs the test there and reports its outcome.
// A helper's peak memory counts its parent's (the kernel records the
// forking process's high-water mark when the helper executes), so only a
// parent that has held less than the helper's limit, unlike this package's
// tests after a few hundred fixtures, can tell the helper's own.
func inSmallProcess(t *testing.T) bool {
	t.Helper()
	if os.Getenv("EVIDENCE_SMALL_PROCESS") == "1" {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "EVIDENCE_SMALL_PROCESS=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Errorf("%s in a fresh process: %v\n%s", t.Name(), err, out)
	}
	return false
}

// TestHelperOutOfMemoryWithoutItsWords: a reading program stopped at its
// memory limit is known for it even when it says nothing of it, or says
// it in a language of its own, by how it ended: failed holding most of
// its limit in memory. A program failing on a damaged file, holding
// little, killed at its deadline, or killed outright (SIGKILL: the
// kernel's OOM killer when the server is short of memory, or a person)
// is not said to have run out of memory on its file.
func TestHelperOutOfMemoryWithoutItsWords(t *testing.T) {
	if !inSmallProcess(t) {
		return
	}
	hog := memhog(t)
	defer helperMemory.Store(helperMemory.Load())
	helperMemory.Store(256 << 20)
	for _, tt := range []struct {
		mode string
		want bool
	}{
		{mode: "silent", want: true},
		{mode: "foreign", want: true},
		{mode: "killed", want: false},
		{mode: "corrupt", want: false},
	} {
		t.Run(tt.mode, func(t *testing.T) {
			cmd := newHelperCmd(t.Context(), hog)
			cmd.Env = append(os.Environ(), "MEMHOG="+tt.mode)
			stderr := &cappedBuffer{max: 4096, discard: true}
			cmd.Stderr = stderr
			err := cmd.run()
			if err == nil {
				t.Fatalf("memhog %s succeeded", tt.mode)
			}
			if stderr.outOfMemory {
				t.Fatalf("memhog %s said %q, which has the words: the test needs a program that does not", tt.mode, stderr.buf.String())
			}
			if got := cmd.outOfMemory(stderr, err); got != tt.want {
				t.Errorf("memhog %s (%v, peak %d MiB, said %q): out of memory %v, want %v",
					tt.mode, err, peakRSS(cmd.cmd.ProcessState)>>20, stderr.buf.String(), got, tt.want)
			}
		})
	}
	t.Run("killed at its deadline", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cmd := newHelperCmd(ctx, hog)
		cmd.Env = append(os.Environ(), "MEMHOG=sleep")
		if err := cmd.start(); err != nil {
			t.Fatal(err)
		}
		cancel()
		if err := cmd.wait(); err == nil || cmd.outOfMemory(nil, err) {
			t.Errorf("memhog killed at its deadline: %v, out of memory %v, want a failure not of memory", err, cmd.outOfMemory(nil, err))
		}
	})
}

// TestSilentReaderOutOfMemoryIsTooComplex: a reader that dies at its
// limit without a word ends with the memory reason, which names the limit
// and what to do, not with what a damaged file would say.
func TestSilentReaderOutOfMemoryIsTooComplex(t *testing.T) {
	if !inSmallProcess(t) {
		return
	}
	hog := memhog(t)
	defer helperMemory.Store(helperMemory.Load())
	helperMemory.Store(256 << 20)
	t.Setenv("MEMHOG", "silent")
	path := writeTemp(t, "嵌套数组.pdf", []byte("%PDF-1.4\n"))
	_, err := runPdftotext(t.Context(), hog, path, Limits{MaxTextBytes: 1 << 20})
	msg := catalog.ErrorMessage(err)
	if !errors.Is(err, errHelperMemory) || catalog.ErrorCode(err) != catalog.EINVALID ||
		!strings.Contains(msg, "文件结构异常复杂") || !strings.Contains(msg, "256 MiB") || !strings.Contains(msg, "重新导出") {
		t.Errorf("got %v (%q), want EINVALID naming the 256 MiB limit and saying to export the file again", err, msg)
	}
}

package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// Every program the extraction path starts (pdftotext, pdftoppm,
// pdfimages, tesseract, heif-convert, the other readers' tools, and their
// version checks) is built by newHelperCmd and started through prlimit,
// and so held to the same bounds. A program started from a sandbox child would otherwise inherit
// the child's own limit, which counts the address space the Go runtime
// reserved (about 1.9 GB) on top of the child's share: a crafted PDF drove
// pdftotext to 2.7 GiB under it.

// helperMemory is the address space in bytes one started program may map:
// DefaultSandboxMemory, or the sandbox's Memory in a child that was given
// one (RunChild sets it).
var helperMemory atomic.Int64

func init() { helperMemory.Store(DefaultSandboxMemory) }

// helperMemoryLimit is the address-space limit a helperCmd is started with.
func helperMemoryLimit() int64 { return helperMemory.Load() }

// defaultHelperCPU is the CPU time a program may use when its context sets
// no deadline. With a deadline it may use the seconds it has left on every
// core (tesseract and libheif decode with several threads), rounded up: a
// backstop for a program that outlives the kill at its deadline, which
// comes first.
const defaultHelperCPU = 10 * time.Minute

// helperCPUSeconds is the CPU limit for a program started under ctx.
func helperCPUSeconds(ctx context.Context) uint64 {
	left := defaultHelperCPU
	if deadline, ok := ctx.Deadline(); ok {
		left = min(time.Until(deadline), left) * time.Duration(runtime.NumCPU())
	}
	return uint64(max(math.Ceil(left.Seconds()), 1))
}

// helperLimits are the limits a started program runs under.
type helperLimits struct {
	memory     uint64 // address space, bytes
	cpuSeconds uint64 // CPU time: SIGXCPU past it, SIGKILL a second later
	fileSize   uint64 // the largest file it may write, bytes; 0: no limit
}

// pkgLauncher is the Debian package of prlimit, which every program is
// started through: util-linux, Essential on Debian and Ubuntu.
const pkgLauncher = "util-linux"

func init() {
	registerReader("prlimit", "限制读取程序的内存和时间", pkgLauncher, checkProgram("prlimit", "--version"))
}

// errLauncherMissing is the reason a program is not started without
// prlimit: it would run without its limits.
func errLauncherMissing() error {
	return errReaderMissing(catalog.Words{Chinese: "限制读取程序内存和时间的 prlimit",
		English: "prlimit, which limits the memory and time of the programs that read files"}, pkgLauncher)
}

// helperCmd is a program to run under the helper's limits. Only
// newHelperCmd builds one, and its exec.Cmd is not handed out: every
// program the reading runs is started by start, through prlimit
// (TestEveryProgramIsStartedByTheHelper). Its fields are exec.Cmd's.
type helperCmd struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Env            []string
	WaitDelay      time.Duration

	ctx      context.Context
	cmd      *exec.Cmd
	group    bool         // its own process group, killed whole when ctx ends
	fileSize uint64       // the largest file it may write, bytes; 0: no limit
	lim      helperLimits // what it was started under (start)
}

// newHelperCmd is the program tool with args, which ctx bounds in time:
// killed when ctx ends.
func newHelperCmd(ctx context.Context, tool string, args ...string) *helperCmd {
	return &helperCmd{ctx: ctx, cmd: exec.CommandContext(ctx, tool, args...)}
}

// ownGroup makes the program the leader of a new process group, killed
// whole when its context ends (killProcessGroup): a wrapper script or a
// program it started dies with it.
func (h *helperCmd) ownGroup() { h.group = true }

// limitFiles limits the size of any file the program writes to n bytes:
// past it the write fails.
func (h *helperCmd) limitFiles(n uint64) { h.fileSize = n }

// start starts the program through prlimit, so that it runs from its
// first instruction with its address space limited to helperMemoryLimit,
// its CPU time to what its context leaves it and no core dump (an abort
// at the limit is the expected end, and a core of a GiB each under
// systemd-coredump or apport is not); it is killed when the process that
// started it dies. Without prlimit no program is started.
func (h *helperCmd) start() error {
	cmd := h.cmd
	name := filepath.Base(cmd.Path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr, cmd.Env = h.Stdin, h.Stdout, h.Stderr, h.Env
	if h.group {
		killProcessGroup(cmd)
	}
	if h.WaitDelay > 0 {
		cmd.WaitDelay = h.WaitDelay
	}
	dieWithParent(cmd)
	lim := helperLimits{memory: uint64(helperMemoryLimit()), cpuSeconds: helperCPUSeconds(h.ctx), fileSize: h.fileSize}
	h.lim = lim
	if err := launchLimited(cmd, lim); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return cmd.Start()
}

// wait is exec.Cmd's Wait.
func (h *helperCmd) wait() error { return h.cmd.Wait() }

// run starts the program and waits for it.
func (h *helperCmd) run() error {
	if err := h.start(); err != nil {
		return err
	}
	return h.wait()
}

// combinedOutput is exec.Cmd's CombinedOutput, keeping at most 64 KiB.
func (h *helperCmd) combinedOutput() ([]byte, error) {
	out := &cappedBuffer{max: 64 << 10, discard: true}
	h.Stdout, h.Stderr = out, out
	err := h.run()
	return out.buf.Bytes(), err
}

// outOfMemory reports whether the started program, which failed with err
// (its Wait error), ran out of memory. Its words are one sign of it: at
// the helper's limit poppler's programs print "Out of memory" or die of
// std::bad_alloc, tesseract and libheif say "Cannot allocate memory" (its
// stderr is searched whole as it was written, cappedBuffer.Write, not only
// in the part kept: pdftotext can print 144 KB of syntax errors before
// std::bad_alloc). But a program may say nothing, or say it in a language
// of its own, so how it ended counts too (diedOutOfMemory): failed having
// held most of its address-space limit in memory (a NULL from malloc
// dereferenced, an abort or an exit with no message). A helper killed
// outright (SIGKILL) is not blamed on its file. A program its context ended did not run out
// of memory, whatever it printed.
func (h *helperCmd) outOfMemory(stderr *cappedBuffer, err error) bool {
	if err == nil || h.ctx.Err() != nil {
		return false
	}
	if stderr != nil && stderr.outOfMemory {
		return true
	}
	return h.cmd.ProcessState != nil && diedOutOfMemory(h.cmd.ProcessState, h.lim)
}

// nearMemoryLimit is how much of its address-space limit a program that
// failed must have held resident (its peak RSS) to count as out of
// memory: pdftotext stopped at a 256 MiB limit had held 234 MiB (91 %), at
// 1 GiB 906 MiB (86 %); a program failing for another reason holds far
// less. Libraries, thread stacks and malloc's reserved arenas take the
// address space that is not resident.
func nearMemoryLimit(peakRSS, limit uint64) bool {
	return limit > 0 && peakRSS >= limit/4*3
}

// outOfMemoryWords are what a program says when it cannot get memory, in
// lower case.
// Chinese too, as strerror(ENOMEM) reads under a zh_CN locale.
var outOfMemoryWords = []string{"bad_alloc", "out of memory", "cannot allocate memory", "无法分配内存", "内存不足"}

// outOfMemoryCarry is how much of a write is kept for the next: the
// longest word less a byte.
var outOfMemoryCarry = func() int {
	n := 0
	for _, w := range outOfMemoryWords {
		n = max(n, len(w))
	}
	return n - 1
}()

// scanOutOfMemory looks for outOfMemoryWords in what a program writes to
// stderr, one write at a time, carrying the end of each write to the next
// so that words split between writes are found.
func (c *cappedBuffer) scanOutOfMemory(p []byte) {
	if c.outOfMemory {
		return
	}
	s := append(c.carry, bytes.ToLower(p)...)
	for _, w := range outOfMemoryWords {
		if bytes.Contains(s, []byte(w)) {
			c.outOfMemory, c.carry = true, nil
			return
		}
	}
	c.carry = append(c.carry[:0], s[max(0, len(s)-outOfMemoryCarry):]...)
}

// errHelperTooComplex is what a program stopped at its memory limit
// means for the file: its structure needs more memory than a file may
// take, the same reason a sandbox child stopped at its own limit gives.
func errHelperTooComplex(name string, err error) error {
	return fmt.Errorf("%s: %v: %w: %w", name, err, errHelperMemory, errTooComplex(helperMemoryLimit()))
}

// errHelperMemory is a started program stopped at its memory limit.
var errHelperMemory = errors.New("helper program ran out of its memory")

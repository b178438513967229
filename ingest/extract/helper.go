package extract

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// Every program the extraction path starts (pdftotext, pdftoppm,
// pdfimages, tesseract, heif-convert, the other readers' tools, and their
// version checks) is started by startHelper and so held to the same
// bounds. A program started from a sandbox child would otherwise inherit
// the child's own limit, which counts the address space the Go runtime
// reserved (about 1.9 GB) on top of the child's share: a crafted PDF drove
// pdftotext to 2.7 GiB under it.

// helperMemory is the address space in bytes one started program may map:
// DefaultSandboxMemory, or the sandbox's Memory in a child that was given
// one (RunChild sets it).
var helperMemory atomic.Int64

func init() { helperMemory.Store(DefaultSandboxMemory) }

// helperMemoryLimit is the address-space limit startHelper gives.
func helperMemoryLimit() int64 { return helperMemory.Load() }

// defaultHelperCPU is the CPU time a program may use when its context sets
// no deadline. With a deadline it may use as many CPU seconds as it has
// seconds left (the programs run one thread each), rounded up: a backstop
// for a program that outlives the kill at its deadline.
const defaultHelperCPU = 10 * time.Minute

// helperCPUSeconds is the CPU limit for a program started under ctx.
func helperCPUSeconds(ctx context.Context) uint64 {
	left := defaultHelperCPU
	if deadline, ok := ctx.Deadline(); ok {
		left = min(time.Until(deadline), left)
	}
	return uint64(max(math.Ceil(left.Seconds()), 1))
}

// startHelper starts cmd, which ctx bounds in time, and at once limits its
// address space to helperMemoryLimit and its CPU time to what ctx leaves
// it; it is killed when the process that started it dies. A program that
// cannot be limited is killed and not run.
func startHelper(ctx context.Context, cmd *exec.Cmd) error {
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	pid := cmd.Process.Pid
	if err := errors.Join(limitProcessMemory(pid, uint64(helperMemoryLimit())),
		limitProcessCPU(pid, helperCPUSeconds(ctx))); err != nil {
		if cmd.SysProcAttr != nil && cmd.SysProcAttr.Setpgid {
			killGroup(cmd)
		} else {
			_ = cmd.Process.Kill()
		}
		_ = cmd.Wait()
		return fmt.Errorf("%s: %w", filepath.Base(cmd.Path), err)
	}
	return nil
}

// runHelper is cmd.Run with startHelper's limits.
func runHelper(ctx context.Context, cmd *exec.Cmd) error {
	if err := startHelper(ctx, cmd); err != nil {
		return err
	}
	return cmd.Wait()
}

// combinedOutputHelper is cmd.CombinedOutput with startHelper's limits,
// keeping at most 64 KiB.
func combinedOutputHelper(ctx context.Context, cmd *exec.Cmd) ([]byte, error) {
	out := &cappedBuffer{max: 64 << 10, discard: true}
	cmd.Stdout, cmd.Stderr = out, out
	err := runHelper(ctx, cmd)
	return out.buf.Bytes(), err
}

// helperOutOfMemory reports whether a started program that failed says it
// could not get memory: at startHelper's limit poppler's programs print
// "Out of memory" or die of std::bad_alloc, tesseract and libheif say
// "Cannot allocate memory".
func helperOutOfMemory(stderr *cappedBuffer) bool {
	s := strings.ToLower(stderr.buf.String())
	return strings.Contains(s, "bad_alloc") || strings.Contains(s, "out of memory") ||
		strings.Contains(s, "cannot allocate memory")
}

// errHelperTooComplex is what a program stopped at its memory limit
// means for the file: its structure needs more memory than a file may
// take, the same reason a sandbox child stopped at its own limit gives.
func errHelperTooComplex(name string, err error) error {
	return fmt.Errorf("%s: %v: %w: %w", name, err, errHelperMemory, errTooComplex(helperMemoryLimit()))
}

// errHelperMemory is a started program stopped at its memory limit.
var errHelperMemory = errors.New("helper program ran out of its memory")

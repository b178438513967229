//go:build unix

package extract

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// machineClock is the machine's monotonic clock in nanoseconds: one clock
// for every process on it, which a change of the wall clock does not move
// (childclock.go); 0 if it cannot be read.
func machineClock() int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0
	}
	return ts.Nano()
}

// killProcessGroup makes cmd the leader of a new process group and, when
// its context ends, kills the whole group: a wrapper script or a helper the
// program started dies with it instead of holding the output pipe open.
// WaitDelay then bounds how long Wait waits for the pipes to close.
func killProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	cmd.WaitDelay = 2 * time.Second
}

// setProcessGroup makes cmd the leader of a new process group, for
// killGroup.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills cmd's process group (cmd must have been started with
// setProcessGroup).
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// killedOutright reports whether a child's Wait error says it was ended by
// SIGKILL: when the sandbox did not send it (its deadline and output cap
// are told apart before), the kernel's OOM killer or an operator did.
func killedOutright(waitErr error) bool {
	var ee *exec.ExitError
	if !errors.As(waitErr, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// overCPU reports whether a helper's Wait error says it was ended by
// SIGXCPU: it used the CPU seconds its helperCmd allowed it.
func overCPU(waitErr error) bool {
	var ee *exec.ExitError
	if !errors.As(waitErr, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGXCPU
}

// diedOutOfMemory reports whether a helper that ended as ps says, started
// under lim, ran out of memory (helperCmd.outOfMemory): failed any way
// with its peak resident memory near its address-space limit, and above
// ours. A helper killed by a signal is not: at its address-space limit a
// program's allocations fail, it is not killed; a SIGKILL comes from the
// kernel's OOM killer when the server itself is short of memory, or from
// a person, and says nothing against the file (the sandbox says so of its
// child: errKilledOutright).
func diedOutOfMemory(ps *os.ProcessState, lim helperLimits) bool {
	if ps.Success() {
		return false
	}
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok {
		return false
	}
	if ws.Signaled() && (ws.Signal() == syscall.SIGXCPU || ws.Signal() == syscall.SIGKILL) {
		return false
	}
	peak := peakRSS(ps)
	// A child's peak counts the memory of the process it was forked from,
	// which the kernel records when the child executes its program (with
	// Go's vfork, the parent's own high-water mark): a peak no higher than
	// ours may be ours, and says nothing of the helper.
	return peak > selfHighWater() && nearMemoryLimit(peak, lim.memory)
}

// selfHighWater is the most memory this process has held resident, in
// bytes (VmHWM in /proc/self/status); 0 where there is no /proc.
func selfHighWater() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kib << 10
		}
	}
	return 0
}

// peakRSS is the most memory the process held resident, in bytes
// (getrusage's ru_maxrss: KiB on Linux, bytes on macOS).
func peakRSS(ps *os.ProcessState) uint64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru.Maxrss <= 0 {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return uint64(ru.Maxrss)
	}
	return uint64(ru.Maxrss) << 10
}

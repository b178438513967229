package extract

import (
	"fmt"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// limitProcessMemory caps the address space of a started helper (pdftoppm)
// at n bytes, or at the limit it inherited when that is lower (a process
// may not raise its hard limit).
func limitProcessMemory(pid int, n uint64) error {
	var old unix.Rlimit
	if err := unix.Prlimit(pid, unix.RLIMIT_AS, nil, &old); err != nil {
		return fmt.Errorf("read address-space limit of %d: %w", pid, err)
	}
	lim := unix.Rlimit{Cur: min(n, old.Cur), Max: min(n, old.Max)}
	if err := unix.Prlimit(pid, unix.RLIMIT_AS, &lim, nil); err != nil {
		return fmt.Errorf("limit address space of %d to %d bytes: %w", pid, n, err)
	}
	return nil
}

// limitProcessFileSize caps the size of any file a started helper
// (heif-convert) writes at n bytes: past it the write fails.
func limitProcessFileSize(pid int, n uint64) error {
	lim := unix.Rlimit{Cur: n, Max: n}
	if err := unix.Prlimit(pid, unix.RLIMIT_FSIZE, &lim, nil); err != nil {
		return fmt.Errorf("limit file size of %d to %d bytes: %w", pid, n, err)
	}
	return nil
}

// dieWithParent has the helper cmd starts killed when the process that
// started it dies (a sandbox child killed at its deadline), so that it
// never runs on without a limit of time.
func dieWithParent(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}

// limitProcessCPU caps the CPU time of a started helper at n seconds: past
// them it gets SIGXCPU, a second later SIGKILL.
func limitProcessCPU(pid int, n uint64) error {
	var old unix.Rlimit
	if err := unix.Prlimit(pid, unix.RLIMIT_CPU, nil, &old); err != nil {
		return fmt.Errorf("read CPU limit of %d: %w", pid, err)
	}
	lim := unix.Rlimit{Cur: min(n, old.Cur), Max: min(n+1, old.Max)}
	if err := unix.Prlimit(pid, unix.RLIMIT_CPU, &lim, nil); err != nil {
		return fmt.Errorf("limit CPU time of %d to %d s: %w", pid, n, err)
	}
	return nil
}

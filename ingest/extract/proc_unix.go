//go:build unix

package extract

import (
	"errors"
	"os/exec"
	"syscall"
	"time"
)

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

package extract

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// launchLimited makes cmd start its program through util-linux's
// prlimit(1), which sets the limits on itself and then executes the
// program: the program's first instruction already runs under them (the
// same PID, so the process group, Pdeathsig and the context's kill hold as
// before). Limits set from outside after Start left the program its
// inherited limit for as long as the parent took to set them. Each limit
// is at most the one this process has, which prlimit could not raise.
func launchLimited(cmd *exec.Cmd, lim helperLimits) error {
	if cmd.Err != nil {
		return cmd.Err
	}
	launcher := lookProgram("prlimit")
	if launcher == "" {
		return errLauncherMissing()
	}
	tool, err := filepath.Abs(cmd.Path)
	if err != nil {
		return err
	}
	own := func(resource int, n uint64) uint64 {
		var r unix.Rlimit
		if unix.Getrlimit(resource, &r) != nil {
			return n
		}
		return min(n, r.Max)
	}
	cpu := own(unix.RLIMIT_CPU, lim.cpuSeconds+1)
	args := []string{launcher,
		fmt.Sprintf("--as=%d", own(unix.RLIMIT_AS, lim.memory)),
		fmt.Sprintf("--cpu=%d:%d", max(cpu-1, 1), cpu),
		"--core=0"}
	if lim.fileSize > 0 {
		args = append(args, fmt.Sprintf("--fsize=%d", own(unix.RLIMIT_FSIZE, lim.fileSize)))
	}
	args = append(args, "--", tool)
	cmd.Args = append(args, cmd.Args[1:]...)
	cmd.Path = launcher
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

//go:build !unix

package extract

import (
	"os"
	"os/exec"
	"time"
)

// machineClock is the wall clock in nanoseconds where there is no
// monotonic clock shared by processes: still one for both parent and
// child on the same machine (childclock.go).
func machineClock() int64 { return time.Now().UnixNano() }

// killProcessGroup kills only the process itself where there are no
// process groups; WaitDelay still bounds the wait for its pipes.
func killProcessGroup(cmd *exec.Cmd) {
	cmd.WaitDelay = 2 * time.Second
}

// setProcessGroup does nothing where there are no process groups.
func setProcessGroup(cmd *exec.Cmd) {}

// killGroup kills the process itself.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}

// killedOutright cannot tell a killed child where there are no signals.
func killedOutright(error) bool { return false }

// overCPU cannot tell a helper's CPU limit where there are no signals.
func overCPU(error) bool { return false }

// diedOutOfMemory cannot tell how a helper ended where there are no
// signals or rusage: its words alone say it ran out of memory.
func diedOutOfMemory(*os.ProcessState, helperLimits) bool { return false }

package lowprio

import "syscall"

// lowerThreadPriority sets the calling thread's nice value: on Linux a
// "process" priority set by thread ID is that thread's alone.
func lowerThreadPriority(n int) error {
	return syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), n)
}

func threadOf() int { return syscall.Gettid() }

package lowprio

import "syscall"

// lowerThreadPriority raises the calling thread's nice value by n, to 19
// at most: on Linux a "process" priority set by thread ID is that
// thread's alone. By n from the thread's own, not to n: a server started
// niced (nice -n 10, a service unit's Nice=) would otherwise have its
// low-priority thread set above its other threads where it may lower a
// nice value (as root), and be refused where it may not.
func lowerThreadPriority(n int) error {
	tid := syscall.Gettid()
	p, err := syscall.Getpriority(syscall.PRIO_PROCESS, tid)
	if err != nil {
		return err
	}
	// The system call gives 20 less the nice value.
	return syscall.Setpriority(syscall.PRIO_PROCESS, tid, min(19, 20-p+n))
}

func threadOf() int { return syscall.Gettid() }

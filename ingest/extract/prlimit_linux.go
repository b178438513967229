package extract

import (
	"fmt"

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

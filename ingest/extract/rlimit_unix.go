//go:build unix

package extract

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
)

// limitMemory lets the process map at most n bytes more than it has
// mapped now, so that a crafted file makes an allocation fail in the child
// instead of taking the machine's memory; the Go heap is asked to stay well
// below it. The base is what the process already reserved (the Go runtime
// reserves address space it does not use, hundreds of MiB on start), so n
// is what reading the file may take.
func limitMemory(n int64) error {
	if n <= 0 {
		return nil
	}
	debug.SetMemoryLimit(n / 2)
	total := uint64(n) + mappedBytes()
	var lim syscall.Rlimit
	setRlim(&lim.Cur, total)
	setRlim(&lim.Max, total)
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		return fmt.Errorf("limit address space to %d bytes: %w", n, err)
	}
	return nil
}

// setRlim stores v in a field of syscall.Rlimit, which is uint64 on Linux
// and Darwin but int64 on the BSDs: one generic helper builds everywhere
// without a file per system. A value past int64 (no real limit is) stays
// at its largest.
func setRlim[T int64 | uint64](field *T, v uint64) {
	*field = T(min(v, math.MaxInt64))
}

// mappedBytes is the process's current address-space size (VmSize), or 0
// when /proc does not say.
func mappedBytes() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

//go:build !unix

package extract

import "runtime/debug"

// limitMemory can only ask the Go heap to stay small where there is no
// RLIMIT_AS.
func limitMemory(n int64) error {
	if n > 0 {
		debug.SetMemoryLimit(n / 2)
	}
	return nil
}

// mappedBytes is unknown here: a sandbox child is then never reused.
func mappedBytes() uint64 { return 0 }

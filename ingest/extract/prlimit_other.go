//go:build !linux

package extract

// limitProcessMemory cannot limit another process here; a helper started
// by a sandbox child still inherits the child's own limit.
func limitProcessMemory(pid int, n uint64) error { return nil }

//go:build !linux && !darwin

package index

// freeBytes cannot tell the free bytes of a disk on this system.
func freeBytes(dir string) (uint64, bool) { return 0, false }

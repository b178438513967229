//go:build !linux

package extract

import "os/exec"

// limitProcessMemory cannot limit another process here; a helper started
// by a sandbox child still inherits the child's own limit.
func limitProcessMemory(pid int, n uint64) error { return nil }

// limitProcessFileSize cannot limit another process here.
func limitProcessFileSize(pid int, n uint64) error { return nil }

// dieWithParent has no such signal here.
func dieWithParent(cmd *exec.Cmd) {}

// limitProcessCPU cannot limit another process here.
func limitProcessCPU(pid int, n uint64) error { return nil }

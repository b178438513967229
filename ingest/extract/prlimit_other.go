//go:build !linux

package extract

import "os/exec"

// launchLimited cannot limit the program here: it runs as it is, and a
// helper started by a sandbox child still inherits the child's own limit.
func launchLimited(cmd *exec.Cmd, lim helperLimits) error { return nil }

// dieWithParent has no such signal here.
func dieWithParent(cmd *exec.Cmd) {}

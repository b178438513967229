//go:build !unix

package pgtest

import "os/exec"

// runAs has nothing to do where there is no root (os.Geteuid is -1 on
// Windows, so it is never called): the cluster runs as whoever runs the
// tests, and so the package builds everywhere the module does.
func runAs(cmd *exec.Cmd, uid, gid int) {}

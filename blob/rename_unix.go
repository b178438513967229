//go:build unix

package blob

import (
	"errors"
	"os"
	"syscall"
)

// renameFile is os.Rename without its look at the new name first (an
// lstat, which makes a rename over a folder fail with EEXIST): rename(2)
// refuses to put a file over a folder by itself (EISDIR), and the look
// cost a system call an object, two an upload (issue 15, s57-prepare).
func renameFile(oldname, newname string) error {
	for {
		err := syscall.Rename(oldname, newname)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: err}
		}
		return nil
	}
}

package blob

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncsFileSystem says that the file system of a folder can be synced as
// one (syncfs), for LazyPutter and PutFiles.
const syncsFileSystem = true

// syncFileSystem syncs the whole file system that h is on, and reports a
// write-back error on it since h was opened (Linux 5.8 and later).
func syncFileSystem(h *os.File) error {
	rc, err := h.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = unix.Syncfs(int(fd)) }); err != nil {
		return err
	}
	if serr != nil {
		return &os.PathError{Op: "syncfs", Path: h.Name(), Err: serr}
	}
	return nil
}

package blob

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

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

// syncfsReportsErrors says whether this kernel's syncfs reports a failed
// write-back: Linux 5.8 and later. Before, it returned success all the
// same, so a folder there syncs each object on its own.
func syncfsReportsErrors() bool {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return false
	}
	return kernelAtLeast(unix.ByteSliceToString(u.Release[:]), 5, 8)
}

// kernelAtLeast says whether a kernel release such as "6.18.44-fc" is
// major.minor or later; false when it cannot be read.
func kernelAtLeast(release string, major, minor int) bool {
	var ma, mi int
	if _, err := fmt.Sscanf(release, "%d.%d", &ma, &mi); err != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}

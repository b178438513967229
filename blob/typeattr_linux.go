package blob

import (
	"errors"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// typeAttr is the extended attribute that carries an object's content
// type on its own data file; see Folder.
const typeAttr = "user.evidence.content-type"

// setTypeAttr records the content type on the open file. It fails on a
// file system without user extended attributes (or with no room for one);
// the caller then writes a metadata file instead.
func setTypeAttr(f *os.File, ctype string) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = unix.Fsetxattr(int(fd), typeAttr, []byte(ctype), 0)
	}); err != nil {
		return err
	}
	return serr
}

// typeFromAttr reads the content type recorded on the file at path; ok is
// false when there is none (an object stored by an older version, placed
// by hand, or on a file system without extended attributes).
func typeFromAttr(path string) (ctype string, ok bool) {
	buf := make([]byte, 256)
	n, err := unix.Getxattr(path, typeAttr, buf)
	if errors.Is(err, unix.ERANGE) {
		// Longer than any common type: ask for the size and read again.
		if n, err = unix.Getxattr(path, typeAttr, nil); err == nil {
			buf = make([]byte, n)
			n, err = unix.Getxattr(path, typeAttr, buf)
		}
	}
	if err != nil {
		return "", false
	}
	return string(buf[:n]), true
}

// fileID is the file's inode: a Put renames a new file into place, which
// the old one's inode never names while both exist.
func fileID(st os.FileInfo) string {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		return strconv.FormatUint(sys.Ino, 10)
	}
	return ""
}

package blob

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// createUnnamed opens a new file without a name in the folder dir
// (O_TMPFILE): written and synced, it is given its name by linkUnnamed.
// Until then no other program sees it, and a crash leaves nothing behind.
// Creating a named file in tmp/ and renaming it across folders locked
// tmp/, shared by every Put, and the file system's rename lock: uploads
// and extraction workers creating their files at once spent ≈ 18 % more
// CPU a file (bench/README.md).
func createUnnamed(dir string) (*os.File, error) {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, &os.PathError{Op: "create unnamed file in", Path: dir, Err: err}
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed)")), nil
}

// linkUnnamed gives the unnamed file its name final. A file already there
// is replaced, atomically: the new one is linked under a name of its own
// in tmp first, then renamed over it.
func linkUnnamed(file *os.File, final, tmp string) error {
	err := linkFD(file, final)
	if !errors.Is(err, os.ErrExist) {
		return err
	}
	for range 10 {
		name := filepath.Join(tmp, "put-"+randomSuffix())
		err = linkFD(file, name)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.Rename(name, final); err != nil {
			os.Remove(name)
			return err
		}
		return nil
	}
	return err
}

// linkFD links the open file's inode at path. The kernel links an unnamed
// file by its /proc/self/fd entry (AT_EMPTY_PATH would need a privilege).
func linkFD(file *os.File, path string) error {
	rc, err := file.SyscallConn()
	if err != nil {
		return err
	}
	var lerr error
	if err := rc.Control(func(fd uintptr) {
		lerr = unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(fd)), unix.AT_FDCWD, path, unix.AT_SYMLINK_FOLLOW)
	}); err != nil {
		return err
	}
	if lerr != nil {
		return &os.LinkError{Op: "link", Old: file.Name(), New: path, Err: lerr}
	}
	return nil
}

func randomSuffix() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// unnamedFilesWork reports whether the folder dir can hold unnamed files
// that are then linked (a file system with O_TMPFILE, /proc mounted): a
// file is made, linked, and removed again.
func unnamedFilesWork(dir string) bool {
	file, err := createUnnamed(dir)
	if err != nil {
		return false
	}
	defer file.Close()
	probe := filepath.Join(dir, "probe-"+randomSuffix())
	if err := linkFD(file, probe); err != nil {
		return false
	}
	os.Remove(probe)
	return true
}

//go:build !unix

package blob

import "os"

// renameFile is os.Rename where rename(2) is not the system's own.
func renameFile(oldname, newname string) error { return os.Rename(oldname, newname) }

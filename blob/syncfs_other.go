//go:build !linux

package blob

import (
	"errors"
	"os"
)

// Elsewhere each object is synced on its own: see Folder.PutLazy.
func syncfsReportsErrors() bool { return false }

func syncFileSystem(*os.File) error { return errors.ErrUnsupported }

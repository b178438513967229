//go:build !linux

package blob

import (
	"errors"
	"os"
)

// Elsewhere the content type always goes to a metadata file; see Folder.
func setTypeAttr(*os.File, string) error { return errors.ErrUnsupported }

func typeFromAttr(string) (string, bool) { return "", false }

// fileID says nothing more of a file elsewhere: its modification time
// names its version alone.
func fileID(os.FileInfo) string { return "" }

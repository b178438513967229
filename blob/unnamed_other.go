//go:build !linux

package blob

import (
	"errors"
	"os"
)

var errNoUnnamed = errors.New("unnamed files are not supported here")

// createUnnamed is not supported outside Linux; Put names its files in
// tmp/ instead.
func createUnnamed(dir string) (*os.File, error) { return nil, errNoUnnamed }

func linkUnnamed(file *os.File, final, tmp string) error { return errNoUnnamed }

func unnamedFilesWork(dir string) bool { return false }

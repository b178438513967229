//go:build !linux

package main

import (
	"os"
	"time"
)

// changedAt is a file's modification time where the change time is not
// read (backup_ctime_linux.go).
func changedAt(fi os.FileInfo) time.Time { return fi.ModTime() }

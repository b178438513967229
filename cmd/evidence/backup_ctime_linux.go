package main

import (
	"os"
	"syscall"
	"time"
)

// changedAt is the later of a file's modification and change times: the
// change time is set by the kernel whenever the file is written, renamed
// or its times set, so a copy put back by cp -p, rsync -a or touch -d
// with an old modification time still looks as new as it is.
func changedAt(fi os.FileInfo) time.Time {
	t := fi.ModTime()
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		if c := time.Unix(st.Ctim.Sec, st.Ctim.Nsec); c.After(t) {
			t = c
		}
	}
	return t
}

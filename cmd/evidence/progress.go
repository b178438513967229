package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// barWriter is where a progress bar draws: stderr when it is a terminal,
// nowhere otherwise, so that logs and pipes get no frames of it.
func barWriter(stderr io.Writer) io.Writer {
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return stderr
	}
	return io.Discard
}

package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
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

// countBar is a progress bar on a terminal's stderr that counts what is
// done (of a total once one is set with ChangeMax) and clears itself when
// finished.
func countBar(stderr io.Writer, what string) *progressbar.ProgressBar {
	return progressbar.NewOptions(-1, progressbar.OptionSetWriter(barWriter(stderr)), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
}

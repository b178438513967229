package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// pdftotextOverride, when set, replaces the PATH lookup of pdftotext. Tests
// set it to "" to exercise the library-only path; it is atomic because
// extractions abandoned at their deadline may still be running.
var pdftotextOverride atomic.Pointer[string]

// lookPdftotext returns the path of poppler's pdftotext, or "" when it is
// not installed.
func lookPdftotext() string {
	if p := pdftotextOverride.Load(); p != nil {
		return *p
	}
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		return ""
	}
	return p
}

// errOutputTooLarge stops copying pdftotext's output at the text limit.
var errOutputTooLarge = errors.New("output exceeds the limit")

// cappedBuffer keeps at most max bytes and fails writes beyond them, which
// makes pdftotext die of a broken pipe instead of filling memory.
type cappedBuffer struct {
	buf      bytes.Buffer
	max      int
	overflow bool
	discard  bool // keep what fits and drop the rest silently (stderr)
	// outOfMemory is set when a stderr (discard) buffer was written words
	// saying the program could not get memory, kept or not
	// (helperCmd.outOfMemory); carry is the end of the last write.
	outOfMemory bool
	carry       []byte
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.discard {
		c.scanOutOfMemory(p)
	}
	if rest := c.max - c.buf.Len(); len(p) > rest {
		c.buf.Write(p[:max(rest, 0)])
		if c.discard {
			return len(p), nil
		}
		c.overflow = true
		return 0, errOutputTooLarge
	}
	return c.buf.Write(p)
}

// runPdftotext runs `pdftotext -enc UTF-8 FILE -` under ctx and returns its
// pages, which it separates with form feeds, each with an empty line
// where a 公文's layout ends a paragraph (breakPdftotextPages).
func runPdftotext(ctx context.Context, tool, path string, lim Limits) ([]string, error) {
	abs, err := filepath.Abs(path) // never let a name be read as an option
	if err != nil {
		return nil, err
	}
	stdout := &cappedBuffer{max: int(min(lim.MaxTextBytes, 1<<30))}
	stderr := &cappedBuffer{max: 4096, discard: true}
	cmd := newHelperCmd(ctx, tool, "-enc", "UTF-8", abs, "-")
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = 2 * time.Second
	err = cmd.run()
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("pdftotext: %w", ctx.Err())
	case stdout.overflow:
		return nil, errTextTooLarge(lim.MaxTextBytes)
	case cmd.outOfMemory(stderr, err):
		return nil, errHelperTooComplex("pdftotext", err)
	case err != nil:
		msg := strings.ReplaceAll(strings.TrimSpace(stderr.buf.String()), "\n", " | ")
		return nil, fmt.Errorf("pdftotext: %v: %s", err, msg)
	}
	pages := strings.Split(stdout.buf.String(), "\f")
	if len(pages) > 1 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1] // text after the last page's form feed
	}
	return breakPdftotextPages(pages), nil
}

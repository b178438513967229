package main

import (
	"context"
	"flag"
	"io"

	"github.com/lcmonitor/evidence/report"
)

// command is a subcommand's flag set — its own flags, with --data and
// --lang that every subcommand has (newFlags) — and the steps most take
// in the same order: parse the flags, choose the language, open the
// archive in the data folder, close it when done. A subcommand states only
// what differs: its flags, what it checks before opening the archive, and
// its work.
type command struct {
	*flag.FlagSet
	data   *string
	stderr io.Writer
	// reorder lets flags follow the arguments (reorderFlags), for a
	// command given files or words.
	reorder bool
}

// newCommand is the subcommand name ("user add"), its -h and errors
// written to stderr.
func newCommand(name string, stderr io.Writer) *command {
	fs, data := newFlags(name, stderr)
	return &command{FlagSet: fs, data: data, stderr: stderr}
}

// parse reads args into the flags and returns the language they chose
// (langOf): an error for a bad flag, -h (flag.ErrHelp) or a language
// it does not speak.
func (c *command) parse(args []string) (report.Lang, error) {
	if c.reorder {
		args = reorderFlags(args)
	}
	if err := c.Parse(args); err != nil {
		return "", err
	}
	return langOf(c.FlagSet)
}

// withApp opens the archive in the data folder (--data) with opts, its
// log's warnings and errors on stderr, runs do with it, and closes it.
func (c *command) withApp(ctx context.Context, opts appOptions, do func(a *app) error) error {
	a, err := openApp(ctx, *c.data, quietLogger(c.stderr), opts)
	if err != nil {
		return err
	}
	defer a.close()
	return do(a)
}

// run parses args, then runs do with the archive open (withApp), for a
// command with nothing to check in between.
func (c *command) run(ctx context.Context, args []string, opts appOptions, do func(a *app, lang report.Lang) error) error {
	lang, err := c.parse(args)
	if err != nil {
		return err
	}
	return c.withApp(ctx, opts, func(a *app) error { return do(a, lang) })
}

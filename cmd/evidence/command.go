package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

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
// (langOf): an error for -h (flag.ErrHelp), a bad flag (flagsError) or a
// language it does not speak.
func (c *command) parse(args []string) (report.Lang, error) {
	if c.reorder {
		args = reorderFlags(args)
	}
	if err := parseFlags(c.FlagSet, args); err != nil {
		return "", flagsError(err)
	}
	return langOf(c.FlagSet)
}

// flagsError is the error of a subcommand whose flags could not be read:
// -h as it is (flag.ErrHelp), a bad flag exit status 2 with nothing more
// to say — the flag set has said what was wrong, and the usage, on
// stderr, and main would say it again.
func flagsError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return exitError{2}
}

// usageError is a command given what it cannot run with — a flag left
// out, a task that is not the user's — found before any work: said as
// err says it, with exit status 2, as a bad flag is (main).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func (e usageError) Unwrap() error { return e.err }

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

// serverFlags adds --server and --token (or $EVIDENCE_SERVER and
// $EVIDENCE_TOKEN), for a command that may work through a running
// archive's API instead of the data folder; tokenHelp is the help of
// --token, saying whose token, as its English is keyed (flaghelp.go).
func (c *command) serverFlags(tokenHelp string) (server, token *string) {
	server = c.String("server", os.Getenv("EVIDENCE_SERVER"), "通过运行中的档案系统（此`网址`）操作，而不打开数据文件夹（或 $EVIDENCE_SERVER）")
	token = c.String("token", os.Getenv("EVIDENCE_TOKEN"), tokenHelp)
	return server, token
}

// dial is the client of the running archive at server, with token,
// saying what it does in lang.
func dial(server, token string, lang report.Lang) *remote {
	return &remote{base: strings.TrimRight(server, "/"), token: token, client: &http.Client{}, lang: lang}
}

// subcommandUsage is the usage of a command with subcommands (evidence
// round), in Chinese and in English.
type subcommandUsage struct{ zh, en string }

// badSubcommand is the end of a command (evidence round) given no
// subcommand it has: the word it was given named as unknown, then usage,
// in the language of args, exit status 2. A flag or -h in its place is no
// subcommand: only the usage is said.
func badSubcommand(args []string, usage subcommandUsage, stderr io.Writer) error {
	lang := argsLang(args)
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sayln(stderr, lang, "未知的子命令“%s”，可用的子命令见下方用法：", args[0])
	}
	fmt.Fprintln(stderr, words(lang, usage.zh, usage.en))
	return exitError{2}
}

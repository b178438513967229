// Command evidence is the learning-city evidence archive: one binary that
// serves the web UI and API, ingests files, searches, and checks and
// rebuilds the archive. Run `evidence help` for the commands (`--lang en` for English).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/report"
)

// exitError carries a process exit code through run.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		fmt.Fprintf(os.Stderr, "evidence: %s\n", describeIn(err, argsLang(os.Args[1:])))
		os.Exit(2)
	case errors.As(err, &ee):
		os.Exit(ee.code)
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "evidence: %s\n", describeIn(err, argsLang(os.Args[1:])))
		os.Exit(1)
	}
}

// describe is the message a person sees for err: the user-facing message
// for application errors, the full chain otherwise.
func describe(err error) string {
	var e *catalog.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// failedTo puts what did not happen, in both languages, before the reason
// a person reads for err (describe), which would otherwise leave it out
// when the reason is an application error.
func failedTo(what catalog.Words, err error) error {
	return &catalog.Error{Code: catalog.ErrorCode(err), Message: catalog.Fullwidth(what.Chinese) + describe(err),
		English: what.English + describeIn(err, report.English)}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	lang := argsLang(args)
	if helpAsked(args) {
		fmt.Fprint(stdout, usageText(lang))
		return nil
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		// No command, as other commands given too little: the help on
		// stderr, exit status 2.
		fmt.Fprint(stderr, usageText(lang))
		return exitError{2}
	}
	for _, c := range commandTable() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	sayln(stderr, lang, "未知的命令“%s”，可用的命令见下方用法：", args[0])
	fmt.Fprint(stderr, usageText(lang))
	return exitError{2}
}

// newFlags makes a subcommand's flag set with the common --data and
// --lang flags, its -h in the language the command line chose
// (flagUsage; parse it with parseFlags).
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("evidence "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = flagUsage(fs, name)
	data := fs.String("data", dataDirDefault(), "数据`文件夹`：目录、原件和文字、检索索引（或 $EVIDENCE_DATA）")
	fs.Var(&langValue{value: langDefault()}, "lang", "`语言`：zh 或 en，用于提示，以及报告和佐证材料包（或 $EVIDENCE_LANG）")
	return fs, data
}

// quietLogger keeps CLI output readable: only warnings and errors.
func quietLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// ingestLogger is quietLogger for a command that lists each failed file
// with its reason itself: the pipeline's own warning about the same
// document would only say it again, in a log line. A failure the listed
// reason does not explain (an internal error, listed as "内部错误，已记录日志")
// is still logged.
func ingestLogger(w io.Writer) *slog.Logger {
	return slog.New(withoutMessage{quietLogger(w).Handler(), ingest.DocumentFailedMessage})
}

// storeWaitLogger is ingestLogger for a command (ingest, repair) that
// waits for the documents the store or the catalog holds up (storeWatch)
// and says so itself when it gives up: the pipeline's warning at every retry would
// only fill the screen with the store's raw errors.
func storeWaitLogger(w io.Writer) *slog.Logger {
	return slog.New(withoutMessage{ingestLogger(w).Handler(), ingest.UnavailableMessage})
}

// withoutMessage drops the records with one message whose error is an
// application error, which the command shows in words.
type withoutMessage struct {
	slog.Handler
	message string
}

func (h withoutMessage) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == h.message && explained(r) {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

// explained reports whether r's error carries a message for people.
func explained(r slog.Record) bool {
	ok := false
	r.Attrs(func(a slog.Attr) bool {
		if err, isErr := a.Value.Any().(error); isErr {
			ok = catalog.ErrorCode(err) != catalog.EINTERNAL
			return false
		}
		return true
	})
	return ok
}

func (h withoutMessage) WithAttrs(attrs []slog.Attr) slog.Handler {
	return withoutMessage{h.Handler.WithAttrs(attrs), h.message}
}

func (h withoutMessage) WithGroup(name string) slog.Handler {
	return withoutMessage{h.Handler.WithGroup(name), h.message}
}

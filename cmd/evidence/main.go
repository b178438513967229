// Command evidence is the learning-city evidence archive: one binary that
// serves the web UI and API, ingests files, searches, and checks and
// rebuilds the archive. Run `evidence help` for the subcommands.
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
	"syscall"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/report"
)

const usage = `evidence — 学习型城市建设监测佐证材料库 (learning-city evidence archive)

Usage: evidence <command> [flags]

Commands:
  serve      run the archive: web UI and API on --addr (default 127.0.0.1:8080)
  ingest     add files or folders: evidence ingest FILE|DIR… --city 330100 --type policy [--server URL --token T]
             (--join: the photos given, in that order, become one document, a page each)
  search     search from the command line: evidence search 学分银行 [--city 330100] [--server URL --token T]
  reindex    rebuild the search index from the catalog and stored text
  doctor     list the optional readers (OCR, .doc, PDF tools) and whether they are installed
  retry      read failed documents again: evidence retry [ID…] (all failed ones without IDs)
  check      re-hash every original and stored text, compare the index with the catalog, name tasks handed in with no document left (with serve stopped; exit 1 on any problem)
  repair     re-extract documents whose stored text check finds bad, reopen tasks with no document left (with serve stopped); --outdated: also the texts and fields older readers read
  backup     copy a consistent snapshot while serve runs: evidence backup --out DIR (incremental)
  restore    make a data folder from a backup: evidence restore --from DIR --data NEWDIR
  user       manage accounts: evidence user add|list|disable|enable|passwd
  events     the audit log: evidence events [--since 7d] [--object ID] [--user NAME]
  assignments responsibility tables (责任分解): evidence assignments import FILE --city 330100 [--round 2018] | list
  framework  indicator frameworks: evidence framework import FILE | export --format xlsx|yaml|csv
  report     a city's monitoring report: evidence report --city 330100 [--round 2017] [--format xlsx|docx] [--out FILE]
  pack       a city's evidence pack (ZIP): evidence pack --city 330100 [--round 2017] [--out FILE.zip]
  verify-pack re-hash every file of a pack against its manifest: evidence verify-pack FILE.zip (exit 1 on any mismatch)
  values     re-check every stored value against its cited text by today's rules, recording the marks that changed: evidence values recheck [--city 330100] [--round 2019]
  quotes     look for every link quote not looked for yet (links made before quotes were looked for) in its document's text: evidence quotes check
  coverage   evidence per key indicator: evidence coverage [--city 330100] [--round 2017] [--xlsx out.xlsx]
  city       add a city: evidence city add --code 320100 --name 南京;
             list them: evidence city list [--json] [--server URL --token T]
  round      add a monitoring round: evidence round add --year 2019 [--label …] [--current];
             make an existing one current: evidence round current --year 2019 [--server URL --token T];
             list them: evidence round list [--json] [--server URL --token T]
  catalog    move the catalog to PostgreSQL: evidence catalog migrate --to postgres://… (an empty database)
  blobs      copy the folder store to S3: evidence blobs copy --to s3 (bucket from EVIDENCE_S3_*; resumable)

Every command takes --data DIR (default ./evidence-data or $EVIDENCE_DATA).
Run "evidence <command> -h" for the flags of one command.
`

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
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, stdout, stderr, log, nil)
	case "ingest":
		return runIngest(ctx, rest, stdout, stderr)
	case "search":
		return runSearch(ctx, rest, stdout, stderr)
	case "extract-child":
		// The extraction sandbox's child (extract.Sandbox); not for people.
		if code := extract.RunChild(os.Stdin, stdout); code != 0 {
			return exitError{code}
		}
		return nil
	case "doctor":
		return runDoctor(ctx, rest, stdout, stderr)
	case "retry":
		return runRetry(ctx, rest, stdout, stderr)
	case "reindex":
		return runReindex(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "repair":
		return runRepair(ctx, rest, stdout, stderr)
	case "backup":
		return runBackup(ctx, rest, stdout, stderr)
	case "restore":
		return runRestore(ctx, rest, stdout, stderr)
	case "user":
		return runUser(ctx, rest, stdout, stderr)
	case "events":
		return runEvents(ctx, rest, stdout, stderr)
	case "framework":
		return runFramework(ctx, rest, stdout, stderr)
	case "assignments":
		return runAssignments(ctx, rest, stdout, stderr)
	case "coverage":
		return runCoverage(ctx, rest, stdout, stderr)
	case "city":
		return runCity(ctx, rest, stdout, stderr)
	case "round":
		return runRound(ctx, rest, stdout, stderr)
	case "report":
		return runReport(ctx, rest, stdout, stderr)
	case "pack":
		return runPack(ctx, rest, stdout, stderr)
	case "verify-pack":
		return runVerifyPack(rest, stdout, stderr)
	case "catalog":
		return runCatalog(ctx, rest, stdout, stderr)
	case "blobs":
		return runBlobs(ctx, rest, stdout, stderr)
	case "values":
		return runValues(ctx, rest, stdout, stderr)
	case "quotes":
		return runQuotes(ctx, rest, stdout, stderr)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// newFlags makes a subcommand's flag set with the common --data flag.
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("evidence "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", dataDirDefault(), "data folder (catalog, blobs, index)")
	fs.String("lang", langDefault(), "language of the messages, and of reports and packs: zh or en (default $EVIDENCE_LANG, else zh)")
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

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/notes"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/savedsearch"
	"github.com/lcmonitor/evidence/search"
	"github.com/lcmonitor/evidence/values"
)

// defaultDataDir is where everything lives unless --data or $EVIDENCE_DATA says otherwise.
const defaultDataDir = "./evidence-data"

func dataDirDefault() string {
	if d := os.Getenv("EVIDENCE_DATA"); d != "" {
		return d
	}
	return defaultDataDir
}

// app is the archive's services wired on one data folder.
type app struct {
	dataDir string
	cat     *catalog.Store
	blobs   blob.Store
	place   storePlace // where blobs is, for a person
	idx     *index.Bleve
	// rebuilding is set when openApp replaced an index of an older
	// format or a damaged one: every document is being indexed anew.
	rebuilding bool
	ingest     *ingest.Service
	search     *search.Service
	log        *slog.Logger
	// sandbox reads files in child processes: the pipeline's extractions
	// and the imports of tables saved as .xls or .et.
	sandbox *extract.Sandbox

	// The services every surface calls; documents and claims need the
	// index, so they exist only when it is open.
	framework   *framework.Service
	coverage    *coverage.Service
	assignments *assignments.Service
	notes       *notes.Service
	documents   *documents.Service
	claims      *claims.Service
	values      *values.Service
	reports     *report.Service
	packs       *packs.Service
	saved       *savedsearch.Service
}

// appOptions says which parts a subcommand needs.
type appOptions struct {
	withIndex bool
	// rebuildOldIndex replaces an index of an older format with an empty
	// one; start-up reconciliation then indexes every document again from
	// its stored text, in the background.
	rebuildOldIndex bool
	ingest          ingest.Config
	// existing refuses a data folder without a catalog instead of making
	// a new archive there: for every command but those that may begin an
	// archive (serve, ingest, user add, and the reference data: framework
	// import, city add, round add), where a mistyped --data would
	// otherwise check, back up over a good backup, or search and report
	// an empty one.
	existing bool
	// bindStore writes the catalog's identity into the blob store when
	// the store is found to be the catalog's and does not name it yet
	// (serve: checkBinding); every command with the index checks it.
	bindStore bool
	// unpacks bounds the RAR and 7z archives unpacked at once and the
	// wait for a place (serve's --unpacks, --unpack-wait); zero is the
	// sandbox's defaults.
	unpacks unpackSettings
	// readerMemory is the memory the children reading files may take at
	// once (serve's --reader-memory); zero is EVIDENCE_READER_MEMORY's or
	// the default.
	readerMemory int64
	// beforeIndex, when set, runs once the catalog and the store are
	// open and before the index is: a command refused by it (an import
	// whose fields name no city) leaves no index made for nothing in an
	// archive that had none.
	beforeIndex func(context.Context, *app) error
}

// swapIndex puts the index folder next in the place of dir, keeping the
// old one as dir.old until the swap is done; next "" only moves dir aside.
// It is the one way an index folder is replaced (serve on an old format,
// reindex).
func swapIndex(dir, next string) (old string, err error) {
	old = dir + ".old"
	if err := os.RemoveAll(old); err != nil {
		return "", fmt.Errorf("clear %s: %w", old, err)
	}
	if err := os.Rename(dir, old); err != nil && !os.IsNotExist(err) {
		return "", fmt.Errorf("move old index aside: %w", err)
	}
	if next == "" {
		return old, nil
	}
	if err := os.Rename(next, dir); err != nil {
		return "", fmt.Errorf("put new index in place: %w", err)
	}
	rebuildDone(dir) // built whole
	return old, os.RemoveAll(old)
}

// rebuildMarker is the file beside the index folder dir that says the
// index in it is being rebuilt in the background, until serve sees the
// rebuild end (or reindex builds it whole): a serve restarted midway
// says the rebuild goes on rather than nothing.
func rebuildMarker(dir string) string { return dir + ".rebuilding" }

// rebuildDone removes the marker of a rebuild.
func rebuildDone(dir string) { os.Remove(rebuildMarker(dir)) }

// replaceOldIndex moves an index of another format, or a damaged one (why
// says which), aside and opens a new one in its place, marked as being
// rebuilt.
func replaceOldIndex(dir string, why error, log *slog.Logger) (*index.Bleve, error) {
	if err := os.WriteFile(rebuildMarker(dir), []byte(why.Error()+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("mark the index as being rebuilt: %w", err)
	}
	old, err := swapIndex(dir, "")
	if err != nil {
		return nil, err
	}
	if errors.Is(why, index.ErrDamaged) {
		// Kept, not removed: the judgement that it is damaged is Bleve's
		// failing to read it, and a copy costs only disk until someone
		// has looked.
		kept := dir + ".damaged-" + time.Now().Format("20060102-150405")
		if err := os.Rename(old, kept); err != nil {
			return nil, fmt.Errorf("keep the damaged index: %w", err)
		}
		log.Warn("the index is damaged; rebuilding it in the background from the stored text (the damaged one is kept; delete it once searches are right)",
			"kept", kept, "err", why)
	} else {
		log.Warn("the index was written by an older version; rebuilding it in the background from the stored text", "old", old)
	}
	idx, err := index.Open(dir)
	if err != nil {
		return nil, err
	}
	os.RemoveAll(old)
	return idx, nil
}

// openCatalog opens the catalog in PostgreSQL when EVIDENCE_DATABASE_URL
// names a database (several nodes share it), else the SQLite file at path.
func openCatalog(ctx context.Context, path string) (*catalog.Store, error) {
	if url := os.Getenv("EVIDENCE_DATABASE_URL"); url != "" {
		return catalog.OpenPostgres(ctx, url)
	}
	return catalog.Open(ctx, path)
}

func (a *app) paths() (catalogPath, blobDir, indexDir, tmpDir string) {
	return filepath.Join(a.dataDir, "catalog.db"), filepath.Join(a.dataDir, "blobs"),
		filepath.Join(a.dataDir, "index"), filepath.Join(a.dataDir, "tmp")
}

// openApp opens the catalog, the blob store (S3 when EVIDENCE_S3_ENDPOINT
// is set, else the folder under the data folder) and, when asked, the index.
func openApp(ctx context.Context, dataDir string, log *slog.Logger, opts appOptions) (*app, error) {
	// The environment's settings are read before anything is made in the
	// data folder, so that one mistyped refuses a command there and then.
	env, err := readEnvSettings(opts)
	if err != nil {
		return nil, err
	}
	a := &app{dataDir: dataDir, log: log}
	made := foldersMissing(a)
	a, err = openAppWith(ctx, a, opts, env)
	if err != nil {
		made.removeEmpty()
	}
	return a, err
}

func openAppWith(ctx context.Context, a *app, opts appOptions, env envSettings) (*app, error) {
	dataDir, log := a.dataDir, a.log
	catalogPath, blobDir, indexDir, tmpDir := a.paths()
	if os.Getenv("EVIDENCE_DATABASE_URL") == "" {
		// A node's folder first: it holds no catalog.db, and what its
		// operator lacks is the variable, not another folder.
		if err := checkLocalCatalog(ctx, nil, dataDir, false); err != nil {
			return nil, err
		}
	}
	if opts.existing && os.Getenv("EVIDENCE_DATABASE_URL") == "" {
		if _, err := os.Stat(catalogPath); errors.Is(err, os.ErrNotExist) {
			return nil, catalog.Errorf(catalog.ENOTFOUND,
				"数据文件夹 %s 中没有目录数据库 catalog.db，不是一个档案库；请用 --data 指定已有的数据文件夹（或设置 EVIDENCE_DATA）", dataDir)
		}
	}
	s3cfg, onS3 := blob.ConfigFromEnv()
	// A command on a PostgreSQL catalog with its files in S3 and no index
	// (user add, report, …) keeps nothing in a data folder: it makes none,
	// not even one named by default in whatever folder it is run from.
	local := os.Getenv("EVIDENCE_DATABASE_URL") == "" || !onS3 || opts.withIndex
	if local {
		if err := os.MkdirAll(dataDir, 0o755); err != nil {
			return nil, fmt.Errorf("create data folder %s: %w", dataDir, err)
		}
	}
	var err error
	if a.cat, err = openCatalog(ctx, catalogPath); err != nil {
		return nil, err
	}
	if err := checkLocalCatalog(ctx, a.cat, dataDir, true); err != nil {
		a.close()
		return nil, err
	}
	if a.sandbox, err = extractionSandbox(); err != nil {
		a.close()
		return nil, err
	}
	if local {
		// Copies of imported tables go where the other temporary copies
		// go; without a data folder, to the system's temporary folder.
		// The folder is made by the first copy written, not here: a
		// command refused, or one that writes none, leaves none behind.
		a.sandbox.TempDir = tmpDir
	}
	a.sandbox.Unpacks, a.sandbox.UnpackWait = opts.unpacks.unpacks, opts.unpacks.wait
	useReaderMemory(a.sandbox, env.readerMemory)
	if sandboxOpened != nil {
		sandboxOpened(a.sandbox)
	}
	a.framework, a.coverage = framework.NewService(a.cat), coverage.NewService(a.cat)
	a.framework.UseXLSReader(a.sandbox)
	a.assignments = assignments.NewService(a.cat)
	a.assignments.UseXLSReader(a.sandbox)
	a.notes = notes.NewService(a.cat)
	if loaded, err := a.framework.EnsureDemo(ctx); err != nil {
		a.close()
		return nil, err
	} else if loaded {
		log.Info("loaded the demo indicator framework")
	}
	held, err := a.cat.NewestOriginals(ctx, 1)
	if err != nil {
		a.close()
		return nil, err
	}
	if cfg := s3cfg; onS3 {
		// A catalog that holds documents has its bucket: one missing is
		// a mistyped name, never one to make.
		cfg.KeepMissing = len(held) > 0
		a.blobs, err = blob.NewS3(ctx, cfg)
		// NewS3 says where the store was looked for and which setting
		// to check, for whoever runs the command.
		err = noBucket(cfg.Bucket, err)
	} else {
		a.blobs, err = blob.NewFolder(blobDir)
	}
	if err != nil {
		a.close()
		return nil, err
	}
	place := storePlace{folder: blobDir}
	if onS3 {
		place = storePlace{bucket: s3cfg.Bucket}
	}
	a.place = place
	if opts.withIndex {
		// Every command that reads the store for its index, or writes it,
		// makes sure it is the catalog's; serve binds it.
		if err := checkBinding(ctx, a, place, opts.bindStore); err != nil {
			a.close()
			return nil, err
		}
	}
	// Reports and packs read the catalog and the blobs only, so the
	// commands that write them need no index.
	// The services that serve stored texts share one store holding them
	// to their record: a text version the document page found as
	// recorded is not hashed again for the claim or value citing it.
	texts := ingest.NewVerifiedTexts(a.blobs, a.cat)
	a.values = values.NewService(a.cat, texts)
	// The report marks a pending claim whose numbers are not in its
	// quotes, or only spaced, by the check the heat map uses.
	a.reports = report.NewService(a.cat)
	a.reports.UseClaimNumbers(a.values.ClaimNumberCheck())
	// The heat map (and `evidence coverage`, which opens no index) marks a
	// pending claim whose numbers are not in its quotes as a value's, by
	// the claim page's check, and a pending value whose number its quote
	// writes only spaced, as /values and the report warn of it.
	a.coverage.UseClaimNumbers(a.values.ClaimNumberCheck())
	a.coverage.UseValueSpaced(func(v *catalog.Value) string { return values.SpacedIn(v.Citation.Quote, v) })
	a.packs = packs.NewService(a.reports, a.cat, a.blobs)
	if !opts.withIndex {
		return a, nil
	}
	if opts.beforeIndex != nil {
		if err := opts.beforeIndex(ctx, a); err != nil {
			a.close()
			return nil, err
		}
	}
	a.idx, err = index.Open(indexDir)
	if (errors.Is(err, index.ErrSchema) || errors.Is(err, index.ErrDamaged)) && opts.rebuildOldIndex {
		a.idx, err = replaceOldIndex(indexDir, err, log)
	}
	if _, merr := os.Stat(rebuildMarker(indexDir)); err == nil && merr == nil && opts.rebuildOldIndex {
		// Replaced now, or by a serve stopped before its rebuild ended:
		// the half-built index opens as any other would.
		a.rebuilding = true
	}
	if err != nil {
		a.close()
		return nil, err
	}
	cfg := env.ingest
	cfg.TempDir = tmpDir
	// What a process killed mid-upload or mid-extraction left in the
	// folder goes once it is a day old; one at work now is younger.
	if n, size, err := ingest.RemoveStaleTemp(tmpDir, time.Now().Add(-ingest.StaleTempAge)); err != nil {
		log.Warn("could not remove stale temporary files", "folder", tmpDir, "err", err)
	} else if n > 0 {
		log.Info("removed stale temporary files", "folder", tmpDir, "files", n, "bytes", size)
	}
	cfg.Sandbox = a.sandbox
	cfg.Logger = log
	if a.cat.Shared() {
		// Other nodes write this catalog: lease extraction jobs and let
		// this node's index follow the catalog's changes.
		cfg.Shared = true
		cfg.FollowStateFile = filepath.Join(dataDir, ingest.FollowStateName)
		// The node's name is kept in its folder; each start's leases and
		// hand-ins add a part of their own (ingest.Config.Node).
		if cfg.NodeName, err = ingest.LoadNodeName(dataDir); err != nil {
			a.close()
			return nil, err
		}
		if cfg.Node == "" {
			cfg.Node = fmt.Sprintf("%s/%d-%d", cfg.NodeName, os.Getpid(), time.Now().UnixNano()%1e6)
		}
		cfg.Lease = env.lease
	}
	a.ingest = ingest.New(a.cat, a.blobs, a.idx, cfg)
	a.ingest.UseTasks(a.assignments)
	a.assignments.UseIndex(a.ingest)
	a.search = search.NewService(a.idx, a.cat)
	a.search.SetTurns(env.searchSlots)
	// The facets count the catalog's values of the changes this node's
	// index has not applied yet.
	a.search.UseIndexFollower(a.ingest)
	// A batch indexed has its cities' common terms (words nearly every
	// document of the city holds, which suggest no indicator alone)
	// counted again in the background, not by the next page view.
	a.ingest.UseIndexWatcher(a.search)
	a.documents = documents.NewService(a.cat, texts, a.ingest, a.search)
	// Page thumbnails are derived from the originals: a cache beside the
	// index, never backed up.
	a.documents.UseThumbnailCache(filepath.Join(dataDir, "thumbnails"))
	a.claims = claims.NewService(a.cat, texts, a.search)
	// A text read anew has the quotes cited in it looked for again.
	a.ingest.UseQuotes(a.values)
	// Quotes are checked within the budget the document pages use.
	a.claims.SetTextBudget(a.documents)
	// 属实 over a number the claim page warns of needs a reason.
	a.claims.UseClaimNumbers(a.values.ClaimNumberCheck())
	a.values.SetTextBudget(a.documents)
	// So are the stored texts compared to find near duplicates.
	a.ingest.SetTextBudget(a.documents)
	a.values.UseXLSReader(a.sandbox)
	a.saved = savedsearch.NewService(a.cat, a.search)
	return a, nil
}

func (a *app) close() {
	if a.documents != nil {
		a.documents.Close() // ends the page indexes being built
	}
	if a.ingest != nil {
		a.ingest.Close()
	}
	if a.search != nil {
		a.search.Close() // ends its counts in the background, which read the index
	}
	if a.idx != nil {
		if err := a.idx.Close(); err != nil {
			a.log.Error("close index", "err", err)
		}
	}
	if a.sandbox != nil {
		// The pipeline closed it too if it ran: closing ends idle
		// children, and twice is harmless.
		a.sandbox.Close()
	}
	if a.cat != nil {
		a.cat.Close()
	}
}

// maxUploadFromEnv reads EVIDENCE_MAX_UPLOAD: bytes, or a number with
// KiB/MiB/GiB (also K/M/G, KB/MB/GB taken as binary).
// extractionSandbox runs extractions in child processes of this very
// binary (its hidden extract-child command), so that no file can hurt the
// server.
func extractionSandbox() (*extract.Sandbox, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find own binary for the extraction sandbox: %w", err)
	}
	return &extract.Sandbox{Command: []string{exe, "extract-child"}}, nil
}

// durationFromEnv reads a duration such as 90s or 2m from the environment;
// unset is 0, the default.
func durationFromEnv(name string) (time.Duration, error) {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: want a duration such as 90s or 2m", name, v)
	}
	return d, nil
}

// countFromEnv reads a count from 1 to 64 from the variable name, such as
// EVIDENCE_OCR_WORKERS (documents OCR'd at once); 0 when it is unset, for
// the default.
func countFromEnv(name, what string) (int, error) {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 64 {
		return 0, fmt.Errorf("%s=%q: want a number of %s from 1 to 64", name, v, what)
	}
	return n, nil
}

func maxUploadFromEnv() (int64, error) {
	v := strings.TrimSpace(os.Getenv("EVIDENCE_MAX_UPLOAD"))
	if v == "" {
		return ingest.DefaultMaxUpload, nil
	}
	n, err := parseSize(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("EVIDENCE_MAX_UPLOAD=%q: want a size such as 200MiB", v)
	}
	return n, nil
}

func parseSize(s string) (int64, error) {
	upper := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(upper, u.suffix) {
			upper, mult = strings.TrimSpace(strings.TrimSuffix(upper, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(upper, 10, 64)
	if err != nil {
		return 0, err
	}
	return n * mult, nil
}

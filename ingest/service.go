package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// Config tunes the pipeline; zero values take the defaults.
type Config struct {
	MaxUpload  int64          // bytes per file; default 200 MiB
	Workers    int            // extraction workers; default twice the number of CPUs
	OCRWorkers int            // workers for documents that need OCR; default 1 (EVIDENCE_OCR_WORKERS); one more while they all read long scans (workBeside)
	BatchSize  int            // documents per index batch; default 256
	TempDir    string         // for staged uploads and originals being extracted
	Limits     extract.Limits // per-extraction limits
	// UploadSlots is how many uploads are taken in at once (the others
	// wait their turn, up to UploadWait, default 1 minute); default twice
	// the number of CPUs.
	UploadSlots int
	UploadWait  time.Duration
	// StageMemory is how many bytes of uploads of at most 1 MiB may be
	// held in memory at once instead of in temporary files in TempDir;
	// default DefaultStageMemory, negative for none.
	StageMemory int64
	// Sandbox, when set, runs every extraction in a child process with a
	// memory limit, killed at its deadline (extract.Sandbox); without it,
	// extraction runs in this process, as in unit tests.
	Sandbox *extract.Sandbox
	// ArchiveSandbox, when set, is where RAR and 7z archives of files are
	// unpacked instead of Sandbox (tests that read files in process but
	// unpack as a server does); with neither, they are unpacked in
	// process, as in unit tests.
	ArchiveSandbox *extract.Sandbox
	// Unpack bounds the unpacking of one RAR or 7z archive of files (its
	// entries are Service's own); zero fields take extract's defaults.
	Unpack extract.UnpackLimits
	// RetryDelay is how long a document waits before it is read again
	// after the object store, the disk or the catalog was unavailable
	// (S3 down, disk full, catalog busy); default 5 s.
	RetryDelay time.Duration
	// CompareWait is how long the stored texts compared with one index
	// batch's documents for near duplicates wait in all for the memory
	// budget (SetTextBudget); past it, the documents that still need one
	// are tried again after RetryDelay. Default 10 s.
	CompareWait time.Duration
	// SetCacheMemory is how many bytes of shingle sets of long texts read
	// are kept to compare later versions with (setCache); default
	// DefaultSetCacheMemory, negative for none.
	SetCacheMemory int64
	Logger         *slog.Logger
	// OnDone, when set, is called each time a document reaches indexed or
	// failed, from a pipeline goroutine; it must not block.
	OnDone func(d *catalog.Document)
	// OnUnavailable, when set, is called each time a document is put
	// back to be tried again after RetryDelay because the object store or
	// the catalog failed it (err: EUNAVAILABLE, or the catalog's error
	// taking its job or marking it indexed; not the memory budget for
	// comparing texts), and with a nil err once such a document got past
	// the point where it failed (before OnDone, which says it too); from
	// a pipeline goroutine; it must not block. A command waiting for
	// documents (Wait) can tell from it that they wait for a store, not
	// for work.
	OnUnavailable func(id string, err error)

	// Shared says other nodes write the same catalog (PostgreSQL): each
	// extraction is then a job leased to one node (Node, for Lease,
	// default 2 minutes) and this node's index follows the catalog's
	// changes every FollowInterval (default 1 s), remembering how far it
	// got in FollowStateFile ("" for in memory only), and its follow
	// checkpoint in the catalog under NodeName (the node's name kept in
	// its data folder, which names it across restarts; Node by default).
	// Node names this run of the node, new at each start: leases and
	// hand-ins must tell a node's previous run, which may have died on a
	// document or mid-upload, from the run going on.
	Shared bool
	// NodeBeat is how often a node of a shared catalog says it is alive
	// (nodeBeat by default; tests shorten it).
	NodeBeat time.Duration
	Node     string
	NodeName string
	Lease    time.Duration
	// FollowInterval is also how often every node, shared or not,
	// compares the catalog's schema with its migrations (watchSchema).
	FollowInterval  time.Duration
	FollowStateFile string
	// UnreadableTextPatience is how long the follower waits at a stored
	// text the store refuses while it answers other requests, before it
	// passes over that document (default 1 minute).
	UnreadableTextPatience time.Duration
	// ShortBandRetry is how often a node asks again for the fill of
	// short bands (startShortBands) while it is not done: left to
	// another node, or stopped short here. Default 5 minutes.
	ShortBandRetry time.Duration
}

// DefaultMaxUpload is the default per-file upload limit.
const DefaultMaxUpload = 200 << 20

func (c *Config) setDefaults() {
	if c.MaxUpload <= 0 {
		c.MaxUpload = DefaultMaxUpload
	}
	if c.Workers <= 0 {
		// A worker waits on the blob store (two synced writes per
		// document) about as long as it computes, so twice the CPUs keeps
		// them busy (bench/README.md).
		c.Workers = 2 * runtime.NumCPU()
	}
	if c.OCRWorkers <= 0 {
		// Tesseract keeps a core busy per page: one OCR worker leaves the
		// other core to born-digital files and search.
		c.OCRWorkers = 1
	}
	if c.UploadSlots <= 0 {
		// Two per core keeps the disk busy while the other waits on a
		// synced write, and leaves searches their share (bench/README.md).
		c.UploadSlots = 2 * lowprio.Procs()
	}
	if c.UploadWait <= 0 {
		c.UploadWait = time.Minute
	}
	if c.BatchSize <= 0 {
		// Larger batches make fewer, larger segments and so less merging,
		// but Bleve's segment building and the collector (a batch's
		// analysis is held in memory) grow faster than the batch: 256
		// was the fastest of 64, 256 and 1000, and of 128, 256, 512 and
		// 1024 in the twenty-second session, 512 level with it
		// (bench/README.md).
		c.BatchSize = 256
	}
	if c.RetryDelay <= 0 {
		c.RetryDelay = 5 * time.Second
	}
	if c.TempDir == "" {
		c.TempDir = os.TempDir()
	}
	if c.StageMemory == 0 {
		// Enough for the small files of many concurrent uploads, while 16
		// uploads of a megabyte at once take no more: the rest go to files.
		c.StageMemory = DefaultStageMemory
	}
	if c.SetCacheMemory == 0 {
		c.SetCacheMemory = DefaultSetCacheMemory
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Lease <= 0 {
		c.Lease = 2 * time.Minute
	}
	if c.FollowInterval <= 0 {
		c.FollowInterval = time.Second
	}
	if c.NodeBeat <= 0 {
		c.NodeBeat = nodeBeat
	}
	if c.ShortBandRetry <= 0 {
		c.ShortBandRetry = 5 * time.Minute
	}
	if c.UnreadableTextPatience <= 0 {
		c.UnreadableTextPatience = time.Minute
	}
	if c.Node == "" {
		host, _ := os.Hostname()
		c.Node = fmt.Sprintf("%s-%d-%d", host, os.Getpid(), time.Now().UnixNano()%1e6)
	}
}

// Service takes uploads into the archive and runs the pipeline that turns
// them into searchable documents: original → text → index.
type Service struct {
	uploads *uploadGate
	cat     *catalog.Store
	blobs   blob.Store
	idx     index.Index
	cfg     Config
	log     *slog.Logger
	// beganAt is when this run said first it was alive (shared catalog).
	beganAt time.Time

	mem      *memBudget // for uploads staged in memory; nil for none
	queue    *queue     // documents to read, born-digital first
	ocrQueue *queue     // documents that need OCR, for the OCR workers
	ocrWaits ocrWaits   // the leases of the jobs waiting in ocrQueue
	handed   handedDocs // documents just uploaded, for their jobs
	progress ocrProgress
	stalls   stalls      // documents the store or the catalog holds up (unavailable)
	locked   lockedTakes // documents whose job was found locked, for the backoff (takeJob)
	toIndex  chan indexJob
	wg       sync.WaitGroup
	indexMu  sync.Mutex  // serialises index writes; see writeIndex
	flushes  textFlushes // of the texts saved by lazy puts
	cancel   context.CancelFunc
	// running is Start's context, ended by Close: background work the
	// server starts (StartReread) ends with it.
	running context.Context
	reread  rereadState // the latest 重新读取 run; see StartReread
	// bandScheme is the computing again of bands of an older band
	// scheme; see startBandScheme.
	bandScheme bandSchemeState
	// reconciled is closed when Start's pass over the index and the
	// catalog is done (Settle); requeued is what that pass queued
	// (Reindexed), written before it is closed.
	reconciled chan struct{}
	requeued   []string
	// only, when not nil, is the documents Start queues of those left
	// unfinished (StartFor).
	only    map[string]bool
	waiting waiters      // callers of Wait
	tasks   Tasks        // responsibility assignments; see UseTasks
	quotes  Quotes       // looks again for cited quotes; see UseQuotes
	watcher IndexWatcher // told of the index's writes; see UseIndexWatcher
	follow  follower
	// outrun is why this node no longer serves, nil while it serves:
	// its catalog was migrated by a newer binary (watchSchema); its
	// background work waits meanwhile (refused.go).
	outrun refusal
	// unindexLag is the deleted documents whose removal from the index
	// failed, till a retry removes them (UnindexAfterDelete).
	unindexLag unindexLag
	// budget lends memory to the stored texts compared with documents
	// for near duplicates; see SetTextBudget.
	budget TextBudget
	// sets keeps the shingle sets of long texts read, for their later
	// versions to compare with (setCache); nil for none.
	sets *setCache
	// readers is the last check of the readers' programs; see Readers.
	readers readerList
	// batchBegun, set by tests before Start, is called as an index batch
	// begins, its refusal looked at (putBackRefused): a batch as slow as
	// a test likes.
	batchBegun func()
	// onParked, set by tests before Start, is told each time a loop of a
	// refused node parks (refused.go): take, a worker holding document
	// id; orphans, adoptOrphans passing a tick by; follow, the follower.
	// A test of what a refused node leaves alone checks after it.
	onParked func(loop, id string)
}

// parked tells onParked, if set, that loop parks while the node is
// refused.
func (s *Service) parked(loop, id string) {
	if s.onParked != nil && s.refusedNow() != nil {
		s.onParked(loop, id)
	}
}

// New returns a Service; Start runs its pipeline.
func New(cat *catalog.Store, blobs blob.Store, idx index.Index, cfg Config) *Service {
	cfg.setDefaults()
	return &Service{cat: cat, blobs: blobs, idx: idx, cfg: cfg, log: cfg.Logger, mem: newMemBudget(cfg.StageMemory),
		queue: newQueue(), ocrQueue: newQueue(), uploads: newUploadGate(cfg.UploadSlots, cfg.UploadWait),
		budget: newMemoryLimit(DefaultCompareMemory), sets: newSetCache(cfg.SetCacheMemory)}
}

// SetTextBudget makes the stored texts read to find near duplicates
// borrow their memory from b, the server's budget for big texts
// (documents.Service's), instead of one of the service's own of
// DefaultCompareMemory. Call it before Start.
func (s *Service) SetTextBudget(b TextBudget) { s.budget = b }

// comparer compares documents with their candidates' stored texts within
// the service's budget.
func (s *Service) comparer() *comparer {
	return &comparer{blobs: s.blobs, budget: s.budget, log: s.log, wait: s.cfg.CompareWait}
}

// MaxUpload is the per-file upload limit in bytes.
func (s *Service) MaxUpload() int64 { return s.cfg.MaxUpload }

// Logger is where the pipeline, and the services beside it, say what
// they could not do for a request that still succeeds.
func (s *Service) Logger() *slog.Logger { return s.log }

// Stage receives one upload, in memory when it is small and there is room
// (Config.StageMemory), else into a temporary file; see Stage.
func (s *Service) Stage(r io.Reader, filename string) (*Staged, error) {
	return stage(r, filename, s.cfg.TempDir, s.cfg.MaxUpload, s.mem)
}

// Meta is what the submitter says about a document.
type Meta struct {
	Title      string
	City       string
	DocType    string
	Department string
	Issuer     string
	IssuedOn   string
	DocNumber  string
	Round      string
	// DocNumberTyped is DocNumber as typed where CheckMeta stored it in
	// catalog.DocNumberForm and that differs (杭教成[2017]15号 stored
	// 杭教成〔2017〕15号): the form the 文号 is shown in.
	DocNumberTyped string
}

var (
	roundPattern = regexp.MustCompile(`^\d{4}$`)
)

// maxMetaRunes bounds free-text metadata fields.
const maxMetaRunes = 500

// CheckMeta validates and tidies m; every problem is an EINVALID naming the
// field, in Chinese.
func (s *Service) CheckMeta(ctx context.Context, m *Meta) error {
	m.City = strings.TrimSpace(m.City)
	if m.City == "" {
		return catalog.FieldErrorf("city", catalog.EINVALID, "请选择城市")
	}
	if _, err := s.cat.City(ctx, m.City); err != nil {
		if catalog.IsNotFound(err) {
			return catalog.AsInvalid(err, "city")
		}
		return err
	}
	if strings.TrimSpace(m.DocType) == "" {
		return catalog.FieldErrorf("doc_type", catalog.EINVALID, "请选择文件类型（如政策文件、工作总结）")
	}
	if err := checkFields(m); err != nil {
		return err
	}
	return s.CheckRound(ctx, m.Round)
}

// CheckRound refuses, on the field "round", a round the catalog has not
// got: the forms take the round as typed, so a slip (2109) is told here
// that no such round was added, and where one is, rather than by the
// catalog's hold on the round (catalog.holdRound), which remains for a
// round deleted while the request runs. "" and text that is not a year
// pass (checkFields refuses the latter).
func (s *Service) CheckRound(ctx context.Context, round string) error {
	y, err := strconv.Atoi(round)
	if err != nil {
		return nil
	}
	ok, err := s.cat.RoundExists(ctx, y)
	if err != nil {
		return fmt.Errorf("look up round %d: %w", y, err)
	}
	if !ok {
		return catalog.NoSuchRound("round", y)
	}
	return nil
}

// checkFields validates the fields that need no catalog lookup.
func checkFields(m *Meta) error {
	for _, f := range []struct {
		name  string
		words catalog.Words
		value *string
	}{
		{"title", catalog.Words{Chinese: "标题", English: "title"}, &m.Title},
		{"city", catalog.Words{Chinese: "城市", English: "city"}, &m.City},
		{"doc_type", catalog.Words{Chinese: "文件类型", English: "document type"}, &m.DocType},
		{"department", catalog.Words{Chinese: "责任单位", English: "department"}, &m.Department},
		{"issuer", catalog.Words{Chinese: "发文机关", English: "issuer"}, &m.Issuer},
		{"issued_on", catalog.Words{Chinese: "成文日期", English: "date of issue"}, &m.IssuedOn},
		{"doc_number", catalog.Words{Chinese: "文号", English: "document number"}, &m.DocNumber},
		{"round", catalog.Words{Chinese: "监测轮次", English: "round"}, &m.Round},
	} {
		// Typed or pasted from a web page, a field may hold characters
		// that show nothing (学\u200b习), which no search would match, and
		// bidi marks (U+200E, U+202E), which would turn the report's words
		// after it around: all are format characters, dropped.
		*f.value = strings.TrimSpace(catalog.DropInvisible(*f.value))
		// A control character left (NUL, a bell, a line break inside a
		// one-line field) is refused, naming it (probe s48 #5): NUL came
		// out as U+FFFD in the XLSX. Around the value, a line break or tab
		// pasted with it from Word was trimmed above.
		if err := catalog.RefuseHidden(f.name, f.words, *f.value, false); err != nil {
			return err
		}
		if len([]rune(*f.value)) > maxMetaRunes {
			return catalog.FieldErrorf(f.name, catalog.EINVALID, "%s过长（超过 %d 字）：%.20s…", f.words, maxMetaRunes, *f.value)
		}
	}
	// Stored as the archive shows it and as a 文号 read from a text is
	// stored, so that a typed 杭教职成[2017]9号 is the same 文号 as a read
	// 杭教职成〔2017〕9号 wherever one is compared with the other.
	m.DocNumberTyped = ""
	if folded := catalog.DocNumberForm(m.DocNumber); folded != m.DocNumber {
		m.DocNumber, m.DocNumberTyped = folded, m.DocNumber
	}
	dt, err := catalog.ParseDocType(m.DocType)
	if err != nil {
		return err
	}
	m.DocType = string(dt)
	if m.IssuedOn, err = catalog.ParseDate("issued_on", m.IssuedOn); err != nil {
		return err
	}
	if m.Round != "" && !roundPattern.MatchString(m.Round) {
		return catalog.FieldErrorf("round", catalog.EINVALID, "监测轮次应为年份（如 2017），收到“%s”", m.Round)
	}
	return nil
}

// Outcome is what became of one submitted file: a document (new, or the
// one already holding the same bytes), or the error that stopped it.
type Outcome struct {
	Filename  string // the sanitised name it was uploaded under
	Archive   string // the archive (ZIP, RAR, 7z) it came in (StageUpload), if any
	Document  *catalog.Document
	Duplicate bool // the same bytes were already in the archive
	// UsedInRound, for a duplicate uploaded for a round other than its
	// document's, is that round: the upload's links count there (and a
	// link new to the document counts there only).
	UsedInRound int
	// Linked: a duplicate of its own round (or none) linked by this
	// upload to an indicator it named (a task's, or 关联指标 on the upload
	// page) that the document was not linked to before.
	Linked bool
	// Unapplied is what the upload chose for a duplicate that its
	// document, kept as it was stored, does not have: the uploader who
	// chose 2019 must not believe the file now counts there.
	Unapplied Unapplied
	// Retried: the document already holding these bytes had failed, and
	// is read again; PreviousError is why it had failed, and
	// PreviousErrorEnglish that in English ("" when it has none).
	Retried              bool
	PreviousError        string
	PreviousErrorEnglish string
	// RepairedOriginal: the document already holding these bytes had its
	// stored original missing or damaged, and the file sent replaced it
	// (RepairedWords).
	RepairedOriginal bool
	// JoinedPhotos is how many photos were joined into this file, a page
	// each (UploadRequest.JoinPhotos); 0 for a file uploaded as it came.
	JoinedPhotos int
	// Part is the file part of the upload request the file came in
	// (Staged.Part).
	Part int
	Err  error // set when the file was not stored or not linked
	// hadLinks are the ids of the links a duplicate's document had before
	// an upload for a task linked it (linksBefore): an upload whose task
	// was deleted meanwhile undoes its own links only (taskGone).
	hadLinks []string
}

// Submit puts a staged file into the archive for user: the original into
// the blob store (content-addressed, idempotent), then the document into
// the catalog, then onto the pipeline. The same bytes submitted again for
// the same city return the existing document with Duplicate set and store
// nothing twice (a failed duplicate is retried); for another city they
// make that city's own document over the same stored bytes and text. If
// the blob store fails, nothing is recorded. Meta must have passed
// CheckMeta, and user must be allowed to edit the city's documents.
func (s *Service) Submit(ctx context.Context, st *Staged, m Meta, user *catalog.User) (*Outcome, error) {
	if err := user.CanEdit(m.City); err != nil {
		return nil, err
	}
	return s.submit(ctx, st, m, "", user)
}

// submit is Submit once the caller has checked that user may submit: a
// contributor's right comes from an assignment, not from CanEdit. task is
// the assignment the file is handed in for ("" for none), recorded with
// the submission so that each task shows its own hand-in of bytes handed
// in for two.
func (s *Service) submit(ctx context.Context, st *Staged, m Meta, task string, user *catalog.User) (*Outcome, error) {
	outs, errs := s.submitAll(ctx, []*Staged{st}, []Meta{m}, task, user)
	return outs[0], errs[0]
}

// submitAll is submit for the files of one upload request, each with its
// own outcome (outs[i], or errs[i]), with what can be paid once per request
// paid once: one query for the duplicates, the originals stored together
// (each synced, the folder they land in synced once: storeOriginals), the
// round inferred once, one transaction for the new documents' rows,
// submissions and events, written after every original in it is durable,
// and one hand-over to the extraction queue. A file whose bytes came
// earlier in the same request is a duplicate of that one's document.
// metas[i] is files[i]'s metadata: its own title, date and so on, the
// city and department the same for all.
func (s *Service) submitAll(ctx context.Context, files []*Staged, metas []Meta, task string, user *catalog.User) ([]*Outcome, []error) {
	outs, errs := make([]*Outcome, len(files)), make([]error, len(files))
	fail := func(err error, which []int) {
		for _, i := range which {
			errs[i] = err
		}
	}
	if len(files) == 0 {
		return outs, errs
	}
	fresh, again, err := s.sortFiles(ctx, files, metas, task, user, outs, errs)
	if err != nil {
		fail(err, allIndexes(len(files)))
		return outs, errs
	}
	stored := fresh[:0:0]
	for k, err := range s.storeOriginals(ctx, files, fresh) {
		if err != nil {
			errs[fresh[k]] = err
			continue
		}
		stored = append(stored, fresh[k])
	}
	docs, subs, err := s.newDocuments(ctx, files, metas, stored, task, user)
	if err != nil {
		// Nothing is recorded: the stored files and the copies of their
		// bytes later in the request fail alike (their originals stay,
		// reused on a retry).
		fail(err, stored)
		fail(err, again)
		return outs, errs
	}
	s.record(ctx, files, metas, task, user, stored, docs, subs, outs, errs)
	for _, i := range again {
		if out, found, err := s.duplicate(ctx, files[i], metas[i], task, user); found || err != nil {
			outs[i], errs[i] = out, err
		} else {
			// The first of these bytes was not stored: this one is tried.
			outs[i], errs[i] = s.submit(ctx, files[i], metas[i], task, user)
		}
	}
	return outs, errs
}

// sortFiles asks once which of files' bytes the city has, and records
// those files as duplicates (outs[i], errs[i]); bytes of a deleted
// document of the city are refused (refuseDeletedCopies); the others are
// fresh (new bytes) or again (bytes sent earlier in the request).
func (s *Service) sortFiles(ctx context.Context, files []*Staged, metas []Meta, task string, user *catalog.User,
	outs []*Outcome, errs []error) (fresh, again []int, err error) {
	shas := make([]string, 0, len(files))
	for _, st := range files {
		shas = append(shas, st.SHA256)
	}
	known, err := s.cat.DocumentsBySHA256(ctx, shas, metas[0].City)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for i, st := range files {
		switch {
		case known[st.SHA256] != nil:
			outs[i], errs[i] = s.duplicateOf(ctx, known[st.SHA256], st, metas[i], task, user)
		case seen[st.SHA256]:
			again = append(again, i)
		default:
			seen[st.SHA256] = true
			fresh = append(fresh, i)
		}
	}
	fresh, err = s.refuseDeletedCopies(ctx, files, fresh, metas[0].City, user, errs)
	return fresh, again, err
}

// newDocuments is the documents of the stored files (files[stored]) and
// their submissions, each in its round: the one given, else the one of its
// date, else the current one (inferred once per date); extraction moves
// it when it finds the date.
func (s *Service) newDocuments(ctx context.Context, files []*Staged, metas []Meta, stored []int, task string,
	user *catalog.User) ([]*catalog.Document, []catalog.Submission, error) {
	docs := make([]*catalog.Document, 0, len(stored))
	subs := make([]catalog.Submission, 0, len(stored))
	rounds := map[string]string{} // inferred, by date (or year named)
	for _, i := range stored {
		st := files[i]
		d := newDocument(st, metas[i], user)
		if d.Round == "" {
			// Without a date, the year its title or file name names
			// (2018年统计数据.xlsx) when that is a round.
			key := d.IssuedOn + "|" + strconv.Itoa(catalog.ReportYear(d.Title, d.IssuedOn))
			if d.IssuedOn == "" {
				key = strconv.Itoa(catalog.YearNamed(d.Title, st.Filename))
			}
			r, ok := rounds[key]
			if !ok {
				var err error
				if r, err = s.cat.InferRound(ctx, d.IssuedOn, d.Title, st.Filename); err != nil {
					return nil, nil, err
				}
				rounds[key] = r
			}
			if r != "" {
				d.Round, d.ExtractedFields = r, []string{catalog.FieldRound}
			}
		}
		docs = append(docs, d)
		subs = append(subs, catalog.Submission{User: user.Username, Role: user.Role, Department: metas[i].Department, Filename: st.Filename,
			Assignment: task, Node: s.cfg.Node})
	}
	return docs, subs, nil
}

// record writes the new documents of the stored files (docs[k] for
// files[stored[k]]) in one transaction, gives each file its outcome and
// hands the recorded documents to the extraction queue. When someone
// stored some of the same bytes between the duplicate query and the
// insert (a conflict), or a round or task some of the files name was
// deleted since the request was checked (not found), each file is
// recorded on its own, as one alone would be: only the files it concerns
// fail.
func (s *Service) record(ctx context.Context, files []*Staged, metas []Meta, task string, user *catalog.User,
	stored []int, docs []*catalog.Document, subs []catalog.Submission, outs []*Outcome, errs []error) {
	var err error
	if len(docs) > 0 {
		err = s.cat.CreateDocuments(ctx, docs, subs)
	}
	if code := catalog.ErrorCode(err); (code == catalog.ECONFLICT || code == catalog.ENOTFOUND) && len(docs) > 1 {
		err = nil
		for k, i := range stored {
			if cerr := s.cat.CreateDocument(ctx, docs[k], subs[k]); cerr != nil {
				outs[i], errs[i] = s.recordFailed(ctx, files[i], metas[i], task, user, cerr)
				docs[k] = nil
			}
		}
	} else if err != nil {
		for k, i := range stored {
			outs[i], errs[i] = s.recordFailed(ctx, files[i], metas[i], task, user, err)
			docs[k] = nil
		}
	}
	var ids []string
	for k, i := range stored {
		if d := docs[k]; d != nil {
			s.log.Info("document stored", "id", d.ID, "filename", d.Filename, "sha256", d.SHA256, "size", d.Size, "user", user.Username)
			outs[i] = &Outcome{Document: d}
			ids = append(ids, d.ID)
			s.handed.hand(d)
		}
	}
	s.queue.push(ids...)
}

// recordFailed is the outcome of a file whose document could not be
// recorded (err): a conflict is someone storing the same bytes between
// our check and our insert, and the file is a duplicate of theirs.
func (s *Service) recordFailed(ctx context.Context, st *Staged, m Meta, task string, user *catalog.User, err error) (*Outcome, error) {
	if catalog.ErrorCode(err) == catalog.ECONFLICT {
		if out, found, derr := s.duplicate(ctx, st, m, task, user); found || derr != nil {
			return out, derr
		}
	}
	return nil, fmt.Errorf("record %s: %w", st.Filename, err)
}

// newDocument is the document of a stored file uploaded with m by user.
func newDocument(st *Staged, m Meta, user *catalog.User) *catalog.Document {
	title := m.Title
	if title == "" {
		// Until the text is read; see catalog.DefaultTitle.
		title = catalog.DefaultTitle(st.Filename)
	}
	return &catalog.Document{
		ID: ulid.Make().String(), SHA256: st.SHA256, Size: st.Size, MIME: st.MIME, Format: string(st.Format),
		Filename: st.Filename, Title: title, DocType: catalog.DocType(m.DocType), City: m.City,
		Department: m.Department, Issuer: m.Issuer, IssuedOn: m.IssuedOn, DocNumber: m.DocNumber, DocNumberWritten: m.DocNumberTyped, Round: m.Round,
		Status: catalog.StatusStored, UploadedBy: user.Username, Archive: st.Archive,
	}
}

func allIndexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// duplicate records a second submission of bytes the city already has and
// returns that document; found is false when the city has no such bytes.
func (s *Service) duplicate(ctx context.Context, st *Staged, m Meta, task string, user *catalog.User) (out *Outcome, found bool, err error) {
	d, err := s.cat.DocumentBySHA256(ctx, st.SHA256, m.City)
	if catalog.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	out, err = s.duplicateOf(ctx, d, st, m, task, user)
	return out, true, err
}

// duplicateOf records a second submission of d's bytes (st).
// A stored original that is missing or damaged is mended from st first
// (healOriginal).
func (s *Service) duplicateOf(ctx context.Context, d *catalog.Document, st *Staged, m Meta, task string, user *catalog.User) (*Outcome, error) {
	repaired, err := s.healOriginal(ctx, d, st, user)
	if err != nil {
		return nil, err
	}
	sub := catalog.Submission{DocumentID: d.ID, User: user.Username, Role: user.Role, Department: m.Department, Filename: st.Filename,
		Assignment: task, Node: s.cfg.Node}
	if err := s.cat.AddSubmission(ctx, sub); err != nil {
		return nil, err
	}
	out := &Outcome{Document: d, Duplicate: true, RepairedOriginal: repaired}
	if d.Status == catalog.StatusFailed {
		// Sending a failed file again is the natural way to ask for a
		// retry; the uploader is told it had failed, and why.
		if err := s.cat.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusStored}); err != nil {
			// The file has no outcome for Upload to give up on: its
			// hand-in, written above, is given up here.
			s.abandonHandIns(ctx, task, user, []string{d.ID})
			return nil, err
		}
		out.Retried, out.PreviousError, out.PreviousErrorEnglish = true, d.Error, d.ErrorEnglish
		d.Status, d.Error, d.ErrorEnglish = catalog.StatusStored, "", ""
		s.queue.push(d.ID)
	}
	return out, nil
}

// storeOriginals stores the originals of files[which], each one durable
// before it is reported stored (errs[k] for files[which[k]]): together
// through a store that takes several files at once (blob.FilesPutter,
// the folder store), else one by one. Once the store is out of reach
// (EUNAVAILABLE) the files after are not tried: the request answers 503
// at once rather than wait out the store for each.
func (s *Service) storeOriginals(ctx context.Context, files []*Staged, which []int) []error {
	errs := make([]error, len(which))
	fp, ok := s.blobs.(blob.FilesPutter)
	if !ok || len(which) < 2 {
		for k, i := range which {
			errs[k] = s.putOriginal(ctx, files[i])
			if catalog.ErrorCode(errs[k]) == catalog.EUNAVAILABLE {
				for j := k + 1; j < len(which); j++ {
					errs[j] = fmt.Errorf("store original of %s: not tried after %s: %w", files[which[j]].Filename, files[i].Filename, errs[k])
				}
				break
			}
		}
		return errs
	}
	var puts []blob.LocalFile
	var putting []int // k of each put
	for k, i := range which {
		st := files[i]
		key := catalog.OriginalKey(st.SHA256)
		lf := blob.LocalFile{Key: key, Path: st.Path, Size: st.Size, ContentType: st.MIME}
		if present, err := s.originalPresent(ctx, st); err != nil {
			errs[k] = err
			continue
		} else if present {
			// Stored already (another city's, an earlier try, or another
			// request's still being put): durable once its folder is
			// synced with the others.
			lf = blob.LocalFile{Key: key, Present: true}
		}
		if !lf.Present && st.Path == "" {
			f, err := st.open()
			if err != nil {
				errs[k] = fmt.Errorf("open staged %s: %w", st.Filename, err)
				continue
			}
			defer f.Close()
			lf.Body = f
		}
		puts = append(puts, lf)
		putting = append(putting, k)
	}
	for n, err := range fp.PutFiles(ctx, puts) {
		k := putting[n]
		st := files[which[k]]
		if err != nil {
			errs[k] = fmt.Errorf("store original of %s: %w", st.Filename, diskFull(err))
			continue
		}
		if !puts[n].Present {
			st.Path = "" // the staged file became the original
		}
	}
	return errs
}

// originalPresent says whether st's original is stored already (at its
// size), or why that cannot be known. A store out of reach for the check
// is tried for the put anyway: its answer to a put says that the file was
// not saved, in the words of the cause (try again later; or ask the
// administrator to check the bucket or the keys), where the check's
// speaks of reading a file. But a store that did not answer the check in
// its time is not kept waiting for the put too (twice the wait for the
// same answer).
func (s *Service) originalPresent(ctx context.Context, st *Staged) (bool, error) {
	info, err := s.blobs.Stat(ctx, catalog.OriginalKey(st.SHA256))
	switch {
	case err == nil:
		return info.Size == st.Size, nil
	case catalog.IsNotFound(err):
		return false, nil
	case catalog.ErrorCode(err) != catalog.EUNAVAILABLE:
		return false, fmt.Errorf("check original of %s: %w", st.Filename, err)
	case timedOut(err):
		return false, fmt.Errorf("check original of %s: %w: %w", st.Filename,
			catalog.Errorf(catalog.EUNAVAILABLE, "对象存储响应超时，文件未保存；请稍后重试或联系管理员"), err)
	}
	return false, nil
}

// putOriginal stores st's original, durable before it returns.
func (s *Service) putOriginal(ctx context.Context, st *Staged) error {
	key := catalog.OriginalKey(st.SHA256)
	if present, err := s.originalPresent(ctx, st); err != nil {
		return err
	} else if present {
		if fp, ok := s.blobs.(blob.FilesPutter); ok {
			// Perhaps another request's, renamed in but its folder not
			// yet synced: synced here before it counts as stored.
			if err := fp.PutFiles(ctx, []blob.LocalFile{{Key: key, Present: true}})[0]; err != nil {
				return fmt.Errorf("store original of %s: %w", st.Filename, diskFull(err))
			}
		}
		return nil
	}
	return s.writeOriginal(ctx, st)
}

// writeOriginal writes st's bytes as their original, replacing whatever
// the store holds under its key, atomically and durable before it returns.
func (s *Service) writeOriginal(ctx context.Context, st *Staged) error {
	key := catalog.OriginalKey(st.SHA256)
	if fp, ok := s.blobs.(blob.FilePutter); ok && st.Path != "" {
		// The staged file becomes the original: no second copy on disk.
		if err := fp.PutFile(ctx, key, st.Path, st.Size, st.MIME); err != nil {
			return fmt.Errorf("store original of %s: %w", st.Filename, diskFull(err))
		}
		st.Path = ""
		return nil
	}
	f, err := st.open()
	if err != nil {
		return fmt.Errorf("open staged %s: %w", st.Filename, err)
	}
	defer f.Close()
	if err := s.blobs.Put(ctx, key, f, st.Size, st.MIME); err != nil {
		return fmt.Errorf("store original of %s: %w", st.Filename, diskFull(err))
	}
	return nil
}

// The steps of the pipeline a document may fail in, named in its reason.
var (
	stageExtract = catalog.Words{Chinese: "提取文字", English: "Extracting the text"}
	stageIndex   = catalog.Words{Chinese: "写入索引", English: "Indexing"}
)

// failureReason turns a pipeline error into the reason a coordinator
// reads on a failed document, in Chinese and in English ("" when it has
// none); internal details go to the log instead.
func failureReason(stage catalog.Words, err error) (chinese, english string) {
	var e *catalog.Error
	if errors.As(err, &e) {
		return e.Message, e.English
	}
	r := catalog.Errorf(catalog.EINTERNAL, "%s失败（内部错误，已记录日志）；可重新上传同一文件重试，或联系管理员", stage)
	return r.Message, r.English
}

// CheckIndicators verifies that every code is a key indicator of the
// current framework, so an upload naming a wrong code is refused before
// anything is stored. It returns the codes without duplicates.
func (s *Service) CheckIndicators(ctx context.Context, codes []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		ind, err := s.cat.Indicator(ctx, c)
		if err != nil {
			if catalog.IsNotFound(err) {
				return nil, catalog.Errorf(catalog.EINVALID, "指标编码 %q 不在当前指标体系中", c)
			}
			return nil, err
		}
		if ind.Level != catalog.KeyLevel {
			return nil, catalog.Errorf(catalog.EINVALID, "只能关联到关键指标（三级指标）；%s %s 是%d级指标", ind.Code, ind.NameWords(), ind.Level)
		}
		if !slices.Contains(out, ind.Code) { // 2.3.1 and 2．3．1 are one
			out = append(out, ind.Code)
		}
	}
	return out, nil
}

// Link links a document to key indicators it is not linked to yet, and
// brings the index along.
func (s *Service) Link(ctx context.Context, documentID string, codes []string, u *catalog.User) error {
	if len(codes) == 0 {
		return nil
	}
	if _, err := s.editableDocument(ctx, u, documentID); err != nil {
		return err
	}
	return s.link(ctx, documentID, codes, u)
}

// link is Link once the caller has checked that u may link the document.
func (s *Service) link(ctx context.Context, documentID string, codes []string, u *catalog.User) error {
	if len(codes) == 0 {
		return nil
	}
	links := make([]*catalog.Link, len(codes))
	for i, c := range codes {
		links[i] = &catalog.Link{DocumentID: documentID, IndicatorCode: c, CreatedBy: u.Username}
	}
	if err := s.cat.CreateLinks(ctx, links, true); err != nil {
		return err
	}
	return s.Refresh(ctx, documentID)
}

// CheckPatch validates the metadata fields a PATCH sets, with the rules of
// CheckMeta, and tidies them.
func (s *Service) CheckPatch(ctx context.Context, p *catalog.DocumentPatch) error {
	m := Meta{City: "", DocType: string(catalog.DocOther)}
	get := func(v *string) string {
		if v == nil {
			return ""
		}
		return *v
	}
	m.Title, m.Department, m.Issuer, m.IssuedOn, m.DocNumber, m.Round =
		get(p.Title), get(p.Department), get(p.Issuer), get(p.IssuedOn), get(p.DocNumber), get(p.Round)
	if p.DocType != nil {
		m.DocType = *p.DocType
	}
	if err := checkFields(&m); err != nil {
		return err
	}
	set := func(dst **string, v string) {
		if *dst != nil {
			*dst = &v
		}
	}
	set(&p.Title, m.Title)
	set(&p.DocType, m.DocType)
	set(&p.Department, m.Department)
	set(&p.Issuer, m.Issuer)
	set(&p.IssuedOn, m.IssuedOn)
	if p.DocNumber != nil {
		p.DocNumberTyped = m.DocNumberTyped
	}
	set(&p.DocNumber, m.DocNumber)
	set(&p.Round, m.Round)
	if p.Title != nil && *p.Title == "" {
		return catalog.FieldErrorf("title", catalog.EINVALID, "标题不能为空")
	}
	return nil
}

// Unindex removes a deleted document from the index.
func (s *Service) Unindex(ctx context.Context, ids ...string) error {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	if err := s.idx.Delete(ctx, ids...); err != nil {
		return err
	}
	s.unindexLag.remove(ids)
	s.indexChanged()
	return nil
}

// UnindexAfterDelete is Unindex for callers whose delete is saved already:
// a failure is logged, the removal tried again after Config.RetryDelay
// until it succeeds (start-up reconciliation removes what is left), and
// searches meanwhile leave the documents out (DeletesNotApplied).
func (s *Service) UnindexAfterDelete(ctx context.Context, ids ...string) {
	if err := s.Unindex(ctx, ids...); err != nil {
		s.unindexLag.add(ids)
		s.log.Error("remove deleted documents from the index; tried again later", "documents", ids, "err", err)
		s.retryUnindex(ids)
	}
}

// CountByStatus returns how many live documents are in each pipeline
// status.
func (s *Service) CountByStatus(ctx context.Context) (map[catalog.Status]int, error) {
	return s.cat.CountByStatus(ctx)
}

// Healthy returns EUNAVAILABLE when the catalog does not answer.
func (s *Service) Healthy(ctx context.Context) error {
	if _, err := s.cat.Cities(ctx); err != nil {
		return catalog.Errorf(catalog.EUNAVAILABLE, "目录数据库不可用")
	}
	return nil
}

// IndexUnusable returns why the index may not be used now (its disk is
// full: EUNAVAILABLE, with what to do), nil when it may or cannot tell.
func (s *Service) IndexUnusable() error {
	if u, ok := s.idx.(interface{ Unusable() error }); ok {
		return u.Unusable()
	}
	return nil
}

// Readers reports the optional programs the readers use and whether this
// machine has them (extract.Readers), for the admin page, as checked
// within the last minute (readersFresh).
func (s *Service) Readers(ctx context.Context) []extract.Reader {
	return s.readers.get(ctx, time.Now())
}

// Sandbox is the extraction sandbox (Config.Sandbox), or nil when
// extraction runs in process: other work on originals that must not hurt
// the server, such as drawing page thumbnails, runs in it too.
func (s *Service) Sandbox() *extract.Sandbox { return s.cfg.Sandbox }

// timedOut reports an error that is a wait given up on (a deadline or a
// network timeout), not an answer.
func timedOut(err error) bool {
	var ne net.Error
	return err != nil && (errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout())
}

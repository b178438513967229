package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// DefaultSandboxMemory is the address-space limit of a sandboxed
// extraction: enough for a 100-page scan's images, far below what a
// crafted file would take the server to.
const DefaultSandboxMemory = 1 << 30

// Sandbox runs extractions in a child process, so that no file can hurt the
// server: the child has an address-space limit (RLIMIT_AS), its output is
// capped, and at the deadline its whole process group is killed — a reader
// stuck in a loop inside a library that cannot be interrupted dies with it
// instead of spinning on in a goroutine. The child is a program that calls
// RunChild (the evidence binary's hidden `extract-child` command).
type Sandbox struct {
	Command []string // the child program and its arguments
	Env     []string // extra environment for the child
	Memory  int64    // address-space limit in bytes; default DefaultSandboxMemory
	// Budget, when set, bounds the memory of all the children reading at
	// once (MemoryBudget): each reserves twice its Memory (itself and the
	// program it runs) while it reads, and one that ran out of its Memory
	// reads once more alone, with the whole budget. Memory is at most
	// half the budget.
	Budget *MemoryBudget
	// ThumbnailWait is how long a page thumbnail waits for its share of
	// the Budget before it answers EUNAVAILABLE (正在读取其他文件), with
	// Retry-After; default DefaultThumbnailWait. Other readings wait
	// their turn for as long as their caller does.
	ThumbnailWait time.Duration
	// TempDir holds the copies of tables read by ReadXLS; "" is the
	// system's temporary folder.
	TempDir string
	// TableReads bounds the tables ReadXLS reads at once, each in a
	// child of its own; default DefaultTableReads. Read once, at the
	// first ReadXLS.
	TableReads int
	// TableWait is how long ReadXLS waits for a free reader of tables
	// before it answers EUNAVAILABLE; default DefaultTableWait.
	TableWait time.Duration
	// Unpacks bounds the RAR and 7z archives Unpack unpacks at once,
	// each in a child that may take Memory for UnpackLimits.Timeout;
	// default DefaultUnpacks. Read once, at the first Unpack.
	Unpacks int
	// UnpackWait is how long Unpack waits for a free place before it
	// answers EUNAVAILABLE; default DefaultUnpackWait.
	UnpackWait time.Duration

	// grace is how much later than the child's own deadline the parent
	// kills it; zero is childGrace (tests shorten it).
	grace time.Duration

	mu      sync.Mutex
	idle    []*child      // clean children waiting for work (sandboxpool.go)
	closed  bool          // Close was called: a child given back is ended at once
	tables  chan struct{} // a token for each table being read (tableSlot)
	unpacks chan struct{} // a token for each archive being unpacked (unpackSlot)
}

// childRequest is what the parent asks of the child on its stdin.
type childRequest struct {
	Format Format `json:"format"`
	Path   string `json:"path"`
	Limits Limits `json:"limits"`
	Memory int64  `json:"memory"`
	// Started is when the reading's time began, its parent's clock
	// started, on the machine's monotonic clock (readingStart): the
	// child's deadline counts from then, not from when it read the
	// request (childclock.go). Zero: from then.
	Started int64 `json:"started,omitempty"`
	// Thumbnail, when set, asks for a page drawn (thumbnail.go) instead
	// of the text extracted: image decoding and pdftoppm are as bounded
	// as any extraction.
	Thumbnail *thumbnailRequest `json:"thumbnail,omitempty"`
	// Table, when set, asks for the first sheet of a workbook as records
	// (xlstable.go) instead of its text.
	Table *tableRequest `json:"table,omitempty"`
	// Unpack, when set, asks for the archive of files to be unpacked
	// (unpacksandbox.go).
	Unpack *unpackRequest `json:"unpack,omitempty"`
}

// thumbnailRequest is the page a child is to draw, and how large; its
// time is the request's Limits.
type thumbnailRequest struct {
	MIME     string `json:"mime"`
	Page     int    `json:"page"`
	LongSide int    `json:"long_side"`
}

// childMessage is one line the child writes on its stdout: progress, a
// deadline extension, and finally a result or an error.
type childMessage struct {
	Progress  *[2]int        `json:"progress,omitempty"`
	ExtendMS  int64          `json:"extend_ms,omitempty"`
	Result    *Result        `json:"result,omitempty"`
	PNG       []byte         `json:"png,omitempty"` // a drawn thumbnail
	Error     *catalog.Error `json:"error,omitempty"`
	NeedsOCR  bool           `json:"needs_ocr,omitempty"`
	Detail    string         `json:"detail,omitempty"`
	Cancelled bool           `json:"cancelled,omitempty"`
	// Reusable, on a final message: the child is clean and may take
	// another request (see RunChild).
	Reusable bool `json:"reusable,omitempty"`
	// OutOfMemory, on a final message with an error: a program the
	// child ran stopped at its memory limit (errHelperMemory).
	OutOfMemory bool `json:"out_of_memory,omitempty"`
	// Sheet is a table's first sheet read (ReadXLS); Refused names the
	// spreadsheet error that refused it (tableSentinels).
	Sheet   *spreadsheet.Sheet `json:"sheet,omitempty"`
	Refused string             `json:"refused,omitempty"`
	// An unpacking's messages (unpacksandbox.go): the listing, an entry
	// begun, a chunk of its bytes (Chunk raw bytes follow the line), its
	// end (Fail names an entry's or the archive's failure), the end.
	Listed   bool           `json:"listed,omitempty"`
	Entries  []ArchiveEntry `json:"entries,omitempty"`
	Entry    *int           `json:"entry,omitempty"`
	Chunk    int            `json:"chunk,omitempty"`
	EntryEnd bool           `json:"entry_end,omitempty"`
	Fail     string         `json:"fail,omitempty"`
	Unpacked bool           `json:"unpacked,omitempty"`
	// Alive is an unpacking child's heartbeat: the bytes of the archive
	// it has read and decoded so far, sent while it decodes what it
	// sends nothing of (heartbeat).
	Alive int64 `json:"alive,omitempty"`
	// Arrived is an unpacking child's first message, sent as it reads
	// its request: its parent's stall clock starts then (watchUnpack).
	Arrived bool `json:"arrived,omitempty"`
}

// Extract is extract.Extract in the sandbox: the same result, the same
// application errors, and ErrNeedsOCR when Limits.DeferOCR stops it.
// A small plain-text file is read in the server instead (decodedInProcess).
func (s *Sandbox) Extract(ctx context.Context, format Format, path string, lim Limits) (*Result, error) {
	if decodedInProcess(format, path) {
		return Extract(ctx, format, path, lim)
	}
	lim = lim.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	final, err := s.run(ctx, childRequest{Format: format, Path: abs, Limits: lim, Memory: s.memory()}, lim, 0)
	if err == nil {
		return childOutcome(final, format, filepath.Base(path))
	}
	return nil, fmt.Errorf("extract %s %s: %w", format, filepath.Base(path), err)
}

// ExtractOpen is Extract of a file the caller has open at its start and
// closes: a plain-text file read in the server is read from it
// (extract.ExtractOpen), any other in a child by its name.
func (s *Sandbox) ExtractOpen(ctx context.Context, format Format, f *os.File, lim Limits) (*Result, error) {
	if fi, err := f.Stat(); format == FormatTXT && err == nil && fi.Mode().IsRegular() && fi.Size() <= maxInProcessText {
		return ExtractOpen(ctx, format, f, lim)
	}
	return s.Extract(ctx, format, f.Name(), lim)
}

// maxInProcessText is the largest plain-text file read in the server
// rather than in a child (decodedInProcess).
const maxInProcessText = 4 << 20

// decodedInProcess says whether a file is safe to read without a child: a
// plain-text file of at most maxInProcessText bytes. Its reader is our own
// code (extractTXT: encoding detection and decoding in single linear passes
// over the bytes, no library parser, no recursion), so the file's size
// bounds its time (a quarter of a second at worst), its memory (at most
// about 20 times the size, for a file of nothing but page breaks) and its
// output, and nothing of it can outlive the call. The size is read from
// the file system: originals never change (their name is their hash), nor
// do the pipeline's own temporary copies. A child costs more than
// such a file's whole reading: the request and the text through pipes as
// JSON, and a process started every few hundred files (bench/README.md,
// ingest step 8).
func decodedInProcess(format Format, path string) bool {
	if format != FormatTXT {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Size() <= maxInProcessText
}

// MemoryLimit is the address space one child may take (Memory or its
// default); nil's is the default.
func (s *Sandbox) MemoryLimit() int64 {
	if s == nil {
		return DefaultSandboxMemory
	}
	return s.memory()
}

func (s *Sandbox) memory() int64 {
	n := int64(DefaultSandboxMemory)
	if s.Memory > 0 {
		n = s.Memory
	}
	if s.Budget != nil {
		n = min(n, s.aloneMemory())
	}
	return n
}

// run asks a child and returns its final message, or why there was none.
// With a Budget, a reading that ran out of its share of memory is asked
// once more of a child of its own that holds the whole budget: a big
// legitimate file still reads, after the others, and the children's limits
// never add up past the budget. The reading alone has what is left of
// the first child's time (Limits.Spent), so that a file is read within
// one Timeout (with the OCR pages' extensions) in all, not two; the wait
// for the budget is not counted. wait bounds each wait for the budget
// (reserveWithin; 0 waits as long as parent).
func (s *Sandbox) run(parent context.Context, req childRequest, lim Limits, wait time.Duration) (*childMessage, error) {
	if len(s.Command) == 0 {
		return nil, errors.New("sandbox has no command")
	}
	var used readingTime
	final, err := s.runShared(parent, req, lim, wait, &used)
	if s.Budget == nil || req.Memory >= s.aloneMemory() || !ranOutOfMemory(final, err) || parent.Err() != nil {
		return final, err
	}
	lim.Spent, lim.Extended = used.spent, used.extended
	if lim.left() < minAloneTime {
		// No time left to read it alone: the first child's answer stands.
		return final, err
	}
	req.Memory, req.Limits = s.aloneMemory(), lim
	return s.runAlone(parent, req, lim, wait)
}

// minAloneTime is the least time left worth a reading alone.
const minAloneTime = time.Second

// readingTime is what an attempt took of its reading's time: the time
// its child ran since the reading's first child started, and the
// extensions granted to the reading beyond Limits.Timeout.
type readingTime struct {
	spent, extended time.Duration
}

// ranOutOfMemory says whether a reading stopped at a memory limit: its
// child's own, or that of the program it ran.
func ranOutOfMemory(final *childMessage, err error) bool {
	return errors.Is(err, errChildMemory) || (final != nil && final.OutOfMemory)
}

// runShared asks one of the pooled children, which all have the
// sandbox's Memory, holding its reservation while the child reads.
func (s *Sandbox) runShared(parent context.Context, req childRequest, lim Limits, wait time.Duration, used *readingTime) (*childMessage, error) {
	release, err := s.reserveShare(parent, req.Memory, wait)
	if err != nil {
		return nil, err
	}
	defer release()
	c, err := s.take()
	if err != nil {
		return nil, err
	}
	final, stale, err := s.attempt(parent, c, req, lim, true, used)
	if stale {
		// A reused child died without a word (killed while idle, or the
		// memory it kept from earlier files was what ran out): the file
		// gets a fresh child before it is called broken.
		if c, err = s.start(); err != nil {
			return nil, err
		}
		final, _, err = s.attempt(parent, c, req, lim, true, used)
	}
	return final, err
}

// runAlone asks a fresh child with the limit req.Memory, holding the whole
// budget; the child is ended after its answer, as no other request is to
// have its limit.
func (s *Sandbox) runAlone(parent context.Context, req childRequest, lim Limits, wait time.Duration) (*childMessage, error) {
	release, err := s.Budget.reserveWithin(parent, s.Budget.Total(), wait)
	if err != nil {
		return nil, err
	}
	defer release()
	c, err := s.start()
	if err != nil {
		return nil, err
	}
	final, _, err := s.attempt(parent, c, req, lim, false, &readingTime{})
	return final, err
}

// attempt sends one request to child c and reads its answer; stale says
// that c had served files before and ended without an answer for a reason
// a fresh child might not have. A clean child is given back for the next
// request only when pool says so.
func (s *Sandbox) attempt(parent context.Context, c *child, req childRequest, lim Limits, pool bool, used *readingTime) (final *childMessage, stale bool, err error) {
	// The child keeps its own deadline; ours is a little later, for the
	// child to say why it stopped, and grows as the child's grows. Both
	// count from the moment ours starts (childclock.go).
	grace := s.killGrace()
	ctx, cancel := lim.watch(parent, grace)
	defer cancel()
	req.Started = readingStart(ctx)
	body, err := json.Marshal(req)
	if err != nil {
		c.close()
		return nil, false, err
	}
	defer func() {
		used.spent = time.Since(ctx.start)
		used.extended = ctx.budget() - lim.Timeout - grace
	}()
	reused := c.uses > 0
	c.stderr.Reset() // its last words about an earlier file are not about this one
	// At the deadline (or when the caller gives up) the child's whole
	// process group is killed, whatever it is doing.
	watched := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			// run closes watched before it asks whether ctx ended, and
			// keeps the child only if it had not: a child put back for
			// the next request is never killed here.
			select {
			case <-watched:
			default:
				c.kill()
			}
		case <-watched:
		}
	}()
	final, readErr := c.ask(ctx, append(body, '\n'), lim)
	close(watched)
	if pool && final != nil && final.Reusable && ctx.Err() == nil {
		s.give(c)
	} else {
		c.close()
	}
	switch {
	case final != nil:
		return final, false, nil
	case parent.Err() != nil:
		return nil, false, fmt.Errorf("cancelled: %w", parent.Err())
	case ctx.Err() != nil:
		// The limit a user reads is the child's own, the one configured
		// (with its OCR pages' time), which the child would have named
		// had it answered: not the parent's, which has the grace added.
		return nil, false, fmt.Errorf("%w: %w", errChildDeadline, deadlineError(parent, ctx.budget()-grace))
	case errors.Is(readErr, errChildOutput):
		return nil, false, errTextTooLarge(lim.MaxTextBytes)
	case reused:
		return nil, true, nil
	case strings.Contains(c.stderr.String(), "out of memory") || strings.Contains(c.stderr.String(), "cannot allocate memory"):
		return nil, false, fmt.Errorf("%w: %w", errChildMemory, errTooComplex(req.Memory))
	case killedOutright(c.waitErr):
		return nil, false, fmt.Errorf("%w (%v): %w", errChildKilled, c.waitErr, errKilledOutright())
	}
	return nil, false, fmt.Errorf("extraction sandbox ended without an answer (%v; %v; %s): %w",
		c.waitErr, readErr, strings.TrimSpace(c.stderr.String()), errCorrupt())
}

// childGrace is how much later than the child's own deadline the parent
// kills it: time for the child to say why it stopped.
const childGrace = 5 * time.Second

// killGrace is the sandbox's grace, or childGrace.
func (s *Sandbox) killGrace() time.Duration {
	if s.grace > 0 {
		return s.grace
	}
	return childGrace
}

// errChildDeadline is a child killed at its deadline.
var errChildDeadline = errors.New("extraction sandbox killed at its deadline")

// errChildMemory is a child that ran out of the memory it may take.
var errChildMemory = errors.New("extraction sandbox ran out of its memory")

// errChildKilled is a child ended by someone else's SIGKILL.
var errChildKilled = errors.New("extraction sandbox killed from outside")

// errChildOutput is a child writing more than any real answer needs.
var errChildOutput = errors.New("extraction sandbox wrote too much")

// readChild reads the child's messages until its final one, granting the
// parent's deadline the child's extensions and passing progress on.
func readChild(ctx context.Context, r *bufio.Reader, lim Limits) (*childMessage, error) {
	// A result holds at most MaxTextBytes of text; JSON quoting may grow
	// it, never past this.
	maxLine := int(min(2*lim.MaxTextBytes+(1<<20), 1<<31-1))
	for {
		line, err := readLine(r, maxLine)
		if err != nil {
			return nil, err
		}
		var m childMessage
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, fmt.Errorf("decode sandbox message: %w", err)
		}
		switch {
		case m.ExtendMS > 0:
			extendDeadline(ctx, time.Duration(m.ExtendMS)*time.Millisecond)
		case m.Progress != nil:
			if lim.Progress != nil {
				lim.Progress(m.Progress[0], m.Progress[1])
			}
		default:
			return &m, nil
		}
	}
}

// readLine reads one line of at most max bytes (errChildOutput beyond).
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		frag, err := r.ReadSlice('\n')
		if len(line)+len(frag) > max {
			return nil, errChildOutput
		}
		line = append(line, frag...)
		if err == nil {
			return line, nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
}

// childOutcome is the result or error of a child's final message, as
// Extract in process would have returned it.
func childOutcome(m *childMessage, format Format, name string) (*Result, error) {
	switch {
	case m.Result != nil:
		return m.Result, nil
	case m.NeedsOCR:
		return nil, ErrNeedsOCR
	case m.Error != nil && m.Detail != "":
		return nil, &childError{detail: m.Detail, err: m.Error}
	case m.Error != nil:
		return nil, m.Error
	case m.Cancelled:
		return nil, fmt.Errorf("extract %s %s: cancelled: %w", format, name, context.Canceled)
	}
	return nil, fmt.Errorf("extract %s %s: sandbox: %s: %w", format, name, m.Detail, errCorrupt())
}

// childError is an application error a child returned: its text is the
// child's whole chain (which already names the format, the file and the
// message once), and it unwraps to the message's catalog.Error.
type childError struct {
	detail string
	err    *catalog.Error
}

func (e *childError) Error() string { return e.detail }
func (e *childError) Unwrap() error { return e.err }

// RunChild is the child side of Sandbox: it limits its own address space
// (after the first request, which says by how much), then answers
// requests from in, one per line, writing its messages to out, until in
// ends. It returns the process exit code.
//
// Each final message says whether the child is fit for another request:
// only when the extraction left no goroutine behind (a reader stuck in a
// library loop would spin on) and took little of the address space
// (the Go runtime never returns address space, and the next file should
// have the whole limit). An unfit child is ended by its parent.
func RunChild(in io.Reader, out io.Writer) int {
	r := bufio.NewReaderSize(in, 64<<10)
	var mu sync.Mutex
	enc := json.NewEncoder(out)
	send := func(m childMessage) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(m)
	}
	raw := func(m childMessage, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(m)
		out.Write(data)
	}
	var base uint64 // address space once limited
	for first := true; ; first = false {
		line, err := readLine(r, 1<<20)
		if errors.Is(err, io.ErrUnexpectedEOF) && len(line) == 0 && !first {
			return 0 // the parent is done with us
		}
		var req childRequest
		if err == nil {
			err = json.Unmarshal(line, &req)
			req.arrive()
		}
		if err != nil {
			if !first && errors.Is(err, io.ErrUnexpectedEOF) {
				return 0
			}
			fmt.Fprintf(os.Stderr, "extract-child: read request: %v\n", err)
			return 2
		}
		if first {
			if err := limitMemory(req.Memory); err != nil {
				fmt.Fprintf(os.Stderr, "extract-child: %v\n", err)
				return 2
			}
			if req.Memory > 0 {
				// The programs it starts get the child's share, not the
				// child's limit (which counts the runtime's reservation).
				helperMemory.Store(req.Memory)
			}
			base = mappedBytes()
		}
		var m childMessage
		if req.Unpack != nil {
			m = unpackAnswer(req, childConn{in: r, send: send, raw: raw})
		} else {
			m = childAnswer(req, send)
		}
		m.Reusable = m.Reusable && settled(base, uint64(max(req.Memory, 0)))
		send(m)
	}
}

// childAnswer extracts one request and returns the final message.
func childAnswer(req childRequest, send func(childMessage)) childMessage {
	goroutines := runtime.NumGoroutine()
	if req.Thumbnail != nil {
		return withSettledCheck(goroutines, thumbnailAnswer(req))
	}
	if req.Table != nil {
		return withSettledCheck(goroutines, tableAnswer(req))
	}
	lim := req.Limits
	lim.Progress = func(done, total int) { send(childMessage{Progress: &[2]int{done, total}}) }
	ctx := context.WithValue(context.Background(), extendNotifyKey{},
		func(d time.Duration) { send(childMessage{ExtendMS: d.Milliseconds()}) })
	res, err := Extract(ctx, req.Format, req.Path, lim)
	var m childMessage
	var ae *catalog.Error
	switch {
	case err == nil:
		m = childMessage{Result: res}
	case errors.Is(err, ErrNeedsOCR):
		m = childMessage{NeedsOCR: true}
	case errors.As(err, &ae):
		m = childMessage{Error: ae, Detail: err.Error()}
	default:
		m = childMessage{Detail: err.Error()}
	}
	// The sentinel or its words: a reader may have wrapped the program's
	// error with %v.
	m.OutOfMemory = err != nil && (errors.Is(err, errHelperMemory) || strings.Contains(err.Error(), errHelperMemory.Error()))
	return withSettledCheck(goroutines, m)
}

// withSettledCheck marks m reusable when the request left no goroutine
// behind.
func withSettledCheck(goroutines int, m childMessage) childMessage {
	// Helpers (pdftotext's pipes, timers) finish soon after Extract
	// returns; a reader stuck in a loop does not.
	for wait := time.Now().Add(200 * time.Millisecond); ; time.Sleep(5 * time.Millisecond) {
		if runtime.NumGoroutine() <= goroutines {
			m.Reusable = true
			break
		}
		if time.Now().After(wait) {
			break
		}
	}
	return m
}

// settled reports whether the child's address space grew by less than a
// quarter of its limit since it was set (always, without a limit; never
// when the size cannot be read).
func settled(base, limit uint64) bool {
	if limit == 0 {
		return true
	}
	now := mappedBytes()
	return base > 0 && now > 0 && now < base+limit/4
}

// errKilledOutright is a child ended by someone else's SIGKILL, most often
// the kernel's when the server ran short of memory: not known to be the
// file's fault, so it is not called damaged, and a retry may succeed. The
// document still fails, so a file that draws the OOM killer every time
// cannot keep the server retrying.
func errKilledOutright() error {
	return catalog.Errorf(catalog.EINVALID, "读取该文件的进程被系统强制结束（多半是服务器内存不足），文件本身未必有问题；请稍后点“重试”，若再次失败请联系管理员")
}

func errTooComplex(memory int64) error {
	return catalog.Errorf(catalog.EINVALID, "文件结构异常复杂，读取时超出内存上限（%s），已停止处理；请用原软件打开检查，重新导出后上传", formatBytes(memory))
}

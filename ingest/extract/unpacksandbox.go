package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// A sandbox child unpacks a RAR or 7z archive in one conversation:
//
//	parent: {"path":…,"memory":…,"unpack":{"format":"7z","limits":…}}
//	child:  {"arrived":true}
//	child:  {"listed":true,"entries":[…]}
//	parent: {"takes":[{"i":0,"max":…},…]}
//	child:  {"entry":0} {"chunk":N} N raw bytes … {"entry_end":true[,"fail":"entry_damaged"]}
//	        … for every entry taken, in the archive's order
//	child:  {"unpacked":true}, or {"fail":"encrypted","detail":…}
//
// and, between any two of its messages, {"alive":N}: N the bytes of the
// archive read plus the bytes decoded so far (unpackProgress), sent while
// the child decodes what it sends nothing of (an entry it skips in a
// solid stream, a header, the rest of an entry past what was asked, a
// slow entry).
//
// The child's address space is limited as an extraction's is; the parent
// kills it when the caller gives up, when for UnpackLimits.Stall it
// sends nothing and neither reads nor decodes more of the archive, and at
// UnpackLimits.Timeout, however alive it is. The stall counts from the
// child's first message ("arrived", sent as it reads its request): a
// fresh child starts seconds late on a loaded machine, and no heartbeat
// covers its start, so a stall counted from the parent's start killed a
// child that had not yet begun. The Timeout counts from the start. A child that unpacked
// is never given another request: the dictionaries it allocated stay in
// the address space the Go runtime keeps.

// unpackRequest asks a child to unpack the archive at the request's path.
type unpackRequest struct {
	Format ArchiveFormat `json:"format"`
	Limits UnpackLimits  `json:"limits"`
}

// unpackSelection is the parent's answer to a listing.
type unpackSelection struct {
	Takes []ArchiveTake `json:"takes"`
}

// Bounds of the conversation: a listing of DefaultUnpackEntries entries
// with long names fits maxListing; a chunk is what the child reads at a
// time.
const (
	maxListing = 64 << 20
	chunkSize  = 64 << 10
)

// Unpack unpacks the RAR or 7z archive at path in a child of its own, as
// UnpackInProcess does in process: choose is told the entries, and take
// is given each chosen one as it arrives. An unpacking stopped by the
// child's memory limit is ErrArchiveMemory, by its time ErrArchiveTime,
// by ctx ctx's error; a child that dies otherwise is ErrArchiveDamaged
// (a decoder's crash is the archive's doing).
func (s *Sandbox) Unpack(ctx context.Context, format ArchiveFormat, path string, lim UnpackLimits, choose Choose, take Take) error {
	if len(s.Command) == 0 {
		return errors.New("unpack: sandbox has no command")
	}
	lim = lim.WithDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("unpack: %w", err)
	}
	body, err := json.Marshal(childRequest{Path: abs, Memory: s.memory(), Unpack: &unpackRequest{Format: format, Limits: lim}})
	if err != nil {
		return fmt.Errorf("unpack: %w", err)
	}
	release, err := s.unpackSlot(ctx)
	if err != nil {
		return fmt.Errorf("unpack: %w", err)
	}
	defer release()
	// An unpacking hands entries on as they come, so it is not read again
	// alone: it holds its share only.
	give, err := s.reserve(ctx, s.memory())
	if err != nil {
		return fmt.Errorf("unpack: %w", err)
	}
	defer give()
	c, err := s.start()
	if err != nil {
		return fmt.Errorf("unpack: %w", err)
	}
	defer c.close()
	w := watchUnpack(ctx, c, lim)
	defer w.stop()
	if _, err := c.stdin.Write(append(body, '\n')); err != nil {
		return w.explain(c, fmt.Errorf("unpack: send request: %w", err))
	}
	if err := converse(c, w, choose, take); err != nil {
		return w.explain(c, err)
	}
	return nil
}

// Defaults of Sandbox.Unpacks and Sandbox.UnpackWait. Each archive is
// unpacked in a child that may take the sandbox's Memory and a core for
// minutes, before the upload is admitted (AdmitUpload counts stored
// files, not these); a handful at once could take the server's memory.
// The uploader has sent the archive already, so it waits longer than an
// import of a table does before being told to try again.
const (
	DefaultUnpacks    = 2
	DefaultUnpackWait = time.Minute
)

// unpackSlot waits for one of the Unpacks places to be free and returns
// the call that frees it: at most UnpackWait, then EUNAVAILABLE saying
// to try again shortly, or until ctx ends. The wait is before the
// child's start, so it spends none of UnpackLimits' time.
func (s *Sandbox) unpackSlot(ctx context.Context) (func(), error) {
	n, wait := s.Unpacks, s.UnpackWait
	if n <= 0 {
		n = DefaultUnpacks
	}
	if wait <= 0 {
		wait = DefaultUnpackWait
	}
	slots := s.slots(&s.unpacks, n)
	return waitSlot(ctx, slots, wait, "a place to unpack", func() error {
		e := catalog.Errorf(catalog.EUNAVAILABLE, "服务器正在解压其他 RAR/7z 压缩包（同时最多 %d 个），请稍后重试；ZIP 压缩包无需等待", cap(slots))
		e.RetryAfter = wait
		return e
	})
}

// converse reads the child's messages until its last. The child is not
// trusted to keep to the conversation: an entry must be the next one
// chosen, and "unpacked" must come after every one of them, or the
// archive is ErrArchiveDamaged (the caller discards what it took of it).
func converse(c *child, w *unpackWatch, choose Choose, take Take) error {
	var takes []ArchiveTake // nil until the listing is answered
	next := 0               // the index in takes of the entry due
	for {
		m, err := readMessage(c.stdout, maxListing)
		if err != nil {
			return err
		}
		w.alive(m)
		switch {
		case m.Alive > 0, m.Arrived:
		case m.Listed:
			if takes != nil {
				return fmt.Errorf("%w: the child listed the archive twice", ErrArchiveDamaged)
			}
			if takes, err = answerListing(c, m.Entries, choose); err != nil {
				return err
			}
		case m.Entry != nil:
			if next >= len(takes) || *m.Entry != takes[next].Index {
				return fmt.Errorf("%w: the child sent entry %d, not the next chosen (%d of %d)", ErrArchiveDamaged, *m.Entry, next, len(takes))
			}
			next++
			r := &chunkReader{r: c.stdout, w: w}
			if err := take(*m.Entry, r); err != nil {
				return err
			}
			if err := r.drain(); err != nil {
				return err
			}
		case m.Unpacked:
			if takes == nil || next < len(takes) {
				return fmt.Errorf("%w: the child ended with %d of the %d entries chosen sent", ErrArchiveDamaged, next, len(takes))
			}
			return nil
		case errorKinds[m.Fail] != nil:
			return fmt.Errorf("%w: %s", errorKinds[m.Fail], m.Detail)
		default:
			return fmt.Errorf("unpack: child: %s", m.Detail)
		}
	}
}

// answerListing asks choose about the entries listed and sends the child
// its choice; the choice is never nil, so that an empty one still counts
// as the listing answered.
func answerListing(c *child, entries []ArchiveEntry, choose Choose) ([]ArchiveTake, error) {
	takes, err := choose(entries)
	if err != nil {
		return nil, err
	}
	if takes == nil {
		takes = []ArchiveTake{}
	}
	sel, err := json.Marshal(unpackSelection{Takes: takes})
	if err != nil {
		return nil, fmt.Errorf("unpack: encode selection: %w", err)
	}
	if _, err := c.stdin.Write(append(sel, '\n')); err != nil {
		return nil, fmt.Errorf("unpack: send selection: %w", err)
	}
	return takes, nil
}

// errChildGone is a child whose messages ended before its last.
var errChildGone = errors.New("unpack: the child ended without its last message")

func readMessage(r *bufio.Reader, max int) (*childMessage, error) {
	line, err := readLine(r, max)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errChildGone, err)
	}
	var m childMessage
	if err := json.Unmarshal(line, &m); err != nil {
		return nil, fmt.Errorf("unpack: decode message: %w", err)
	}
	return &m, nil
}

// chunkReader reads one entry's chunks as they come; a failure the child
// names ends it with that kind's error.
type chunkReader struct {
	r    *bufio.Reader
	w    *unpackWatch
	left int   // bytes of the current chunk not read yet
	end  error // io.EOF or the entry's failure, once its end came
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for c.left == 0 {
		if c.end != nil {
			return 0, c.end
		}
		m, err := readMessage(c.r, 1<<10)
		if err != nil {
			c.end = err
			return 0, err
		}
		c.w.alive(m)
		switch {
		case m.Alive > 0:
		case m.Chunk > 0 && m.Chunk <= chunkSize:
			c.left = m.Chunk
		case m.EntryEnd && errorKinds[m.Fail] != nil:
			c.end = fmt.Errorf("%w: %s", errorKinds[m.Fail], m.Detail)
		case m.EntryEnd:
			c.end = io.EOF
		default:
			c.end = fmt.Errorf("unpack: unexpected message in an entry: %+v", m)
		}
	}
	n, err := io.ReadFull(c.r, p[:min(len(p), c.left)])
	c.left -= n
	if err != nil {
		c.end = fmt.Errorf("%w: %w", errChildGone, err)
		return n, c.end
	}
	return n, nil
}

// drain reads what take left of the entry, up to its end: the next
// message is the next entry's. An entry's failure is not the
// conversation's.
func (c *chunkReader) drain() error {
	_, err := io.Copy(io.Discard, c)
	if err == nil || errorKind(err) != "" {
		return nil
	}
	return err
}

// unpackWatch kills a child that the caller gave up on, that sent nothing
// for lim.Stall once it arrived or that ran past lim.Timeout, and says
// why it did.
type unpackWatch struct {
	last   atomic.Int64 // unix nanoseconds of the last message, 0 before the first
	heard  int64        // the greatest heartbeat, read by the conversation's goroutine alone
	why    atomic.Pointer[error]
	done   chan struct{}
	once   sync.Once
	stall  time.Duration
	budget time.Duration
}

func watchUnpack(ctx context.Context, c *child, lim UnpackLimits) *unpackWatch {
	w := &unpackWatch{done: make(chan struct{}), stall: lim.Stall, budget: lim.Timeout}
	start := time.Now()
	go func() {
		tick := time.NewTicker(min(lim.Stall/4, 100*time.Millisecond))
		defer tick.Stop()
		for {
			var why error
			select {
			case <-w.done:
				return
			case <-ctx.Done():
				why = fmt.Errorf("unpack: cancelled: %w", ctx.Err())
			case <-tick.C:
				if time.Since(start) > lim.Timeout || w.stalled(lim.Stall) || w.neverCame(start, arrivalLimit*lim.Stall) {
					why = fmt.Errorf("%w (%s without progress or %s in all)", ErrArchiveTime, lim.Stall, lim.Timeout)
				}
			}
			if why != nil {
				w.why.Store(&why)
				c.kill()
				return
			}
		}
	}()
	return w
}

// alive notes a message of the child's. A heartbeat counts only when
// the child read or decoded more of the archive than the one before
// said: a decoder looping on what it has read without writing out, or a
// child repeating itself, still falls silent. Nothing here moves the Timeout.
func (w *unpackWatch) alive(m *childMessage) {
	if m.Alive > 0 {
		if m.Alive <= w.heard {
			return
		}
		w.heard = m.Alive
	}
	w.touch()
}

func (w *unpackWatch) touch() { w.last.Store(time.Now().UnixNano()) }

// arrivalLimit is how many stall periods a child may take to arrive: a
// loaded machine delays a child's start by seconds, so four periods (two
// minutes by default) leave it room, while a child that never starts
// (its program hung before reading its request) does not hold an unpack
// slot for the whole Timeout.
const arrivalLimit = 4

// neverCame reports whether the child has sent nothing in the limit since
// start.
func (w *unpackWatch) neverCame(start time.Time, limit time.Duration) bool {
	return w.last.Load() == 0 && time.Since(start) > limit
}

// stalled reports whether the child, once it arrived, sent nothing for
// longer than stall.
func (w *unpackWatch) stalled(stall time.Duration) bool {
	last := w.last.Load()
	return last != 0 && time.Since(time.Unix(0, last)) > stall
}

func (w *unpackWatch) stop() { w.once.Do(func() { close(w.done) }) }

// explain is why the conversation with c ended in err: the watch's
// reason when it killed the child, the child's memory when it ran out,
// else err; a child that died without a word crashed on the archive.
func (w *unpackWatch) explain(c *child, err error) error {
	w.stop()
	if why := w.why.Load(); why != nil {
		return *why
	}
	if !errors.Is(err, errChildGone) {
		return err
	}
	c.stdin.Close()
	select {
	case <-c.exited:
	case <-time.After(2 * time.Second):
	}
	tail := c.stderr.String()
	if strings.Contains(tail, "out of memory") || strings.Contains(tail, "cannot allocate memory") {
		return fmt.Errorf("%w: %v", ErrArchiveMemory, err)
	}
	return fmt.Errorf("%w: the child died (%v): %v: %s", ErrArchiveDamaged, c.waitErr, err, strings.TrimSpace(tail))
}

// childConn is what a child's unpacking talks through: the parent's
// lines in, and messages (some followed by raw bytes) out.
type childConn struct {
	in   *bufio.Reader
	send func(childMessage)
	raw  func(childMessage, []byte)
}

// unpackAnswer unpacks the archive a child was asked for, sending the
// listing and the chosen entries' bytes, and returns the last message.
func unpackAnswer(req childRequest, conn childConn) childMessage {
	conn.send(childMessage{Arrived: true})
	choose := func(entries []ArchiveEntry) ([]ArchiveTake, error) {
		conn.send(childMessage{Listed: true, Entries: entries})
		line, err := readLine(conn.in, maxListing)
		if err != nil {
			return nil, fmt.Errorf("read selection: %w", err)
		}
		var sel unpackSelection
		if err := json.Unmarshal(line, &sel); err != nil {
			return nil, fmt.Errorf("decode selection: %w", err)
		}
		return sel.Takes, nil
	}
	buf := make([]byte, chunkSize)
	take := func(i int, r io.Reader) error {
		conn.send(childMessage{Entry: &i})
		for {
			n, err := r.Read(buf)
			if n > 0 {
				conn.raw(childMessage{Chunk: n}, buf[:n])
			}
			switch {
			case err == io.EOF:
				conn.send(childMessage{EntryEnd: true})
				return nil
			case err != nil:
				kind := errorKind(err)
				if kind == "" {
					kind = "entry_damaged"
				}
				conn.send(childMessage{EntryEnd: true, Fail: kind, Detail: err.Error()})
				return nil
			}
		}
	}
	lim := req.Unpack.Limits.WithDefaults()
	var progress unpackProgress
	stop := heartbeat(&progress, max(lim.Stall/4, 10*time.Millisecond), conn.send)
	err := unpackArchive(context.Background(), req.Unpack.Format, req.Path, lim, &progress, choose, take)
	stop()
	if err != nil {
		return childMessage{Fail: errorKind(err), Detail: err.Error()}
	}
	return childMessage{Unpacked: true}
}

// heartbeat sends {"alive":N} every interval in which progress (N, the
// bytes of the archive read and decoded) grew, until the call it
// returns, which waits for its last send: the unpacking's final message
// must be the last line. A decoder skipping an entry of a solid stream
// sends nothing for as long as that takes, but it decodes as it goes.
func heartbeat(progress *unpackProgress, interval time.Duration, send func(childMessage)) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(interval)
		defer t.Stop()
		var sent int64
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if n := progress.total(); n > sent {
					send(childMessage{Alive: n})
					sent = n
				}
			}
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}

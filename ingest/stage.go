package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/readerr"
)

// Staged is an upload received but not yet in the archive: hashed,
// counted and sniffed. A small one is held in memory, any other in a
// temporary file (Path). Call Remove when done with it.
type Staged struct {
	Path     string // the temporary file; "" for an upload held in memory
	Filename string // sanitised base name
	Size     int64
	SHA256   string
	Format   extract.Format
	MIME     string

	// Archive is the archive the file came in (StageUpload), "" for
	// a file sent as it is.
	Archive string
	// Part is which file part of its upload request the file came in
	// (counted from 0), for the request's answer.
	Part int

	archive extract.ArchiveFormat // an archive of files, to unpack (StageUpload); "" for a file

	data []byte     // the bytes of an upload held in memory
	mem  *memBudget // where the memory it holds is given back
	held int64
}

// Remove deletes the temporary file, or gives back the memory.
func (s *Staged) Remove() {
	if s == nil {
		return
	}
	if s.Path != "" {
		os.Remove(s.Path)
		s.Path = ""
	}
	s.data = nil
	if s.mem != nil {
		s.mem.give(s.held)
		s.held = 0
	}
}

// open returns the staged bytes.
func (s *Staged) open() (io.ReadCloser, error) {
	if s.data != nil {
		return io.NopCloser(bytes.NewReader(s.data)), nil
	}
	if s.Path == "" {
		return nil, fmt.Errorf("staged %s: already stored or removed", s.Filename)
	}
	return os.Open(s.Path)
}

// sniffBytes is how much of a file's head the type sniffer sees.
const sniffBytes = 4096

// memStageMax is the largest upload held in memory rather than in a
// temporary file. Creating a file costs ≈ 450 µs of kernel CPU on the
// servers' ext4 (more than receiving and hashing a megabyte), and most
// evidence files are small; the file would be created again by the store
// anyway, except for a duplicate, which then touches no disk at all.
const memStageMax = 1 << 20

// DefaultStageMemory is the default of Config.StageMemory.
const DefaultStageMemory = 8 << 20

// memBudget is how many bytes of uploads may still be held in memory: an
// upload takes memStageMax of it while it arrives and keeps what it needs.
type memBudget struct{ free atomic.Int64 }

func newMemBudget(n int64) *memBudget {
	if n <= 0 {
		return nil
	}
	b := &memBudget{}
	b.free.Store(n)
	return b
}

// take reserves n bytes and reports whether they were free.
func (b *memBudget) take(n int64) bool {
	for {
		f := b.free.Load()
		if f < n {
			return false
		}
		if b.free.CompareAndSwap(f, f-n) {
			return true
		}
	}
}

func (b *memBudget) give(n int64) { b.free.Add(n) }

// Stage streams r into a temporary file in dir, hashing and counting it,
// and stops with ETOOLARGE as soon as it passes maxBytes. It then sniffs the
// type from the content; a file that is empty, mislabelled or of an
// unsupported type is rejected here, before anything is stored.
func Stage(r io.Reader, filename, dir string, maxBytes int64) (*Staged, error) {
	return stage(r, filename, dir, maxBytes, nil)
}

// stage is Stage that first tries to hold the upload in memory, taking
// what its buffer needs from mem (nil: never). An upload larger than
// memStageMax, or one that finds no more room in mem as it grows, goes on
// into a temporary file.
func stage(r io.Reader, filename, dir string, maxBytes int64, mem *memBudget) (*Staged, error) {
	return stageFile(r, filename, dir, maxBytes, mem, false, false)
}

// stageFile is stage that, with archives, keeps an archive of files (ZIP,
// RAR, 7z: Staged.archive) for StageUpload to unpack instead of refusing
// it. With upload (a file sent by an upload form itself, not a member of
// its archive) a refusal lists archives among the kinds accepted; a
// member's does not, since an archive inside the archive is refused.
func stageFile(r io.Reader, filename, dir string, maxBytes int64, mem *memBudget, archives, upload bool) (*Staged, error) {
	name := SanitizeFilename(filename)
	st := &Staged{Filename: name, mem: mem}
	ok := false
	defer func() {
		if !ok {
			st.Remove()
		}
	}()
	h := sha256.New()
	src := &readerr.Source{R: r}
	in := io.TeeReader(io.LimitReader(src, maxBytes+1), h)
	var first []byte
	all := false
	if mem != nil {
		var err error
		if first, all, err = st.readSmall(in, min(memStageMax, maxBytes)+1); err != nil {
			return nil, receiveError(err, src, name, maxBytes)
		}
		if int64(len(first)) > maxBytes {
			return nil, tooLarge(name, maxBytes)
		}
	}
	head, n := first, int64(len(first))
	if all {
		st.data = first
	} else {
		var err error
		if head, n, err = st.toFile(dir, first, in); err != nil {
			return nil, receiveError(err, src, name, maxBytes)
		}
	}
	if n > maxBytes {
		return nil, tooLarge(name, maxBytes)
	}
	st.Size = n
	st.SHA256 = hex.EncodeToString(h.Sum(nil))
	var err error
	sniff := extract.Sniff
	if upload { // an upload form's own file: its refusals name archives among the kinds accepted
		sniff = extract.SniffUpload
	}
	st.Format, st.MIME, err = sniff(head[:min(len(head), sniffBytes)], name)
	if archives && errors.Is(err, extract.ErrArchive) {
		st.archive = extract.ArchiveOf(err)
		ok = true
		return st, nil
	}
	if err != nil {
		return nil, &RefusedFile{Filename: name, Err: fmt.Errorf("%s: %w", name, prefixMessage(err, name))}
	}
	ok = true
	return st, nil
}

// RefusedFile is a file Stage refused for what it is (empty, of a type the
// archive cannot read, encrypted), read to its end: the other files of its
// request can still be taken. Any other error of Stage ends the request: a
// body cut off, a full disk, or a file over the size limit, whose rest is
// not read (reading on to the next file would take the rest of a body up
// to the request's limit, many times a file's).
type RefusedFile struct {
	Filename string
	Err      error
}

func (e *RefusedFile) Error() string { return e.Err.Error() }
func (e *RefusedFile) Unwrap() error { return e.Err }

// readSmall reads in into memory, taking from st.mem what its buffer
// grows to (doubling, never past limit). all is true when it reached
// EOF; it stops with what it has read at limit bytes or when st.mem has
// no room for a larger buffer.
func (st *Staged) readSmall(in io.Reader, limit int64) (buf []byte, all bool, err error) {
	size := min(limit, 8<<10)
	if !st.mem.take(size) {
		return nil, false, nil
	}
	st.held = size
	buf = make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			size := min(2*int64(cap(buf)), limit)
			if size == int64(cap(buf)) || !st.mem.take(size) {
				return buf, false, nil
			}
			grown := make([]byte, len(buf), size)
			copy(grown, buf)
			st.mem.give(st.held)
			buf, st.held = grown, size
		}
		m, err := in.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, true, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
}

// toFile writes first and then the rest of in to a new temporary file in
// dir, giving back the memory first held. It returns the file's head and
// its size.
func (st *Staged) toFile(dir string, first []byte, in io.Reader) (head []byte, n int64, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, fmt.Errorf("create temp folder: %w", err)
	}
	f, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return nil, 0, fmt.Errorf("create temp file: %w", err)
	}
	st.Path = f.Name()
	head = make([]byte, 0, sniffBytes)
	w := io.MultiWriter(f, headWriter{&head})
	n = int64(len(first))
	if n > 0 {
		if _, err := w.Write(first); err != nil {
			f.Close()
			return nil, 0, err
		}
	}
	if st.mem != nil {
		st.mem.give(st.held)
		st.held = 0
	}
	m, err := io.Copy(w, in)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return head, n + m, err
}

// headWriter keeps the first sniffBytes written to it.
type headWriter struct{ head *[]byte }

func (w headWriter) Write(p []byte) (int, error) {
	if room := sniffBytes - len(*w.head); room > 0 {
		*w.head = append(*w.head, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// receiveError says whose fault a failure to receive an upload was: the
// request's (too large, cut off) or ours (the disk).
func receiveError(err error, src *readerr.Source, name string, maxBytes int64) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		// The request's body went over its cap while this file was
		// read. A caller whose cap holds many files (api's upload) says
		// that cap instead, finding maxErr; to any other (a single
		// file's replacement) this file is over the limit.
		return fmt.Errorf("receive %s: %w: %w", name, maxErr, tooLarge(name, maxBytes))
	}
	if src.Err != nil {
		// The sender's side: a body cut off mid-file, a broken connection,
		// or one that stopped moving (bodyrate), which says so itself.
		var said *catalog.Error
		if errors.As(src.Err, &said) {
			return fmt.Errorf("receive %s: %w", name, said)
		}
		return catalog.Errorf(catalog.EINVALID, "文件“%s”没有传完整（传输在中途中断）；请重新上传", name)
	}
	return fmt.Errorf("receive %s: %w", name, diskFull(err))
}

func tooLarge(name string, maxBytes int64) error {
	return catalog.Errorf(catalog.ETOOLARGE, "文件“%s”超过上传上限 %s；请压缩或拆分后再上传", name, FormatBytes(maxBytes))
}

// prefixMessage names the file in a user-facing error, so that a person
// uploading many files knows which one was refused.
func prefixMessage(err error, name string) error {
	var e *catalog.Error
	if errors.As(err, &e) {
		return e.Prefixed("文件“"+name+"”\uFF1A", "“"+name+"”: ")
	}
	return err
}

// maxFilenameBytes keeps names within what every file system and browser accepts.
const maxFilenameBytes = 240

// SanitizeFilename reduces a client-supplied name to a plain base name: no
// directories (either slash), no control characters and no invisible
// format characters (a right-to-left override U+202E would show
// "evil‮txt.exe" as "evilexe.txt"; zero-width spaces hide what a
// name is), at most 240 bytes,
// and "未命名文件" when nothing is left. Names are data only; they never
// become storage keys or paths.
func SanitizeFilename(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) || catalog.IsInvisible(r) || r == '/' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == ".." {
		name = ""
	}
	if len(name) > maxFilenameBytes {
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		cut := maxFilenameBytes - len(ext)
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut] + ext
	}
	if name == "" {
		return "未命名文件"
	}
	return name
}

// FormatBytes renders a byte count for people: 200 MiB, 3.5 KiB.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + string("KMGTPE"[exp]) + "iB"
}

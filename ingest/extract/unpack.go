package extract

import (
	"context"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bodgit/sevenzip"
	"github.com/nwaples/rardecode/v2"
)

// An upload form unpacks archives of files (材料汇总.zip, .rar, .7z).
// ZIP is read by archive/zip in the server (ingest/archive.go): its
// inflating is bounded by the sizes the directory declares. RAR and 7z are
// read by libraries whose decoders allocate what the archive's headers
// ask for (an LZMA dictionary of 1.5 GiB, a RAR dictionary of GiBs, a 7z
// header that is itself compressed) and have not been shown never to
// loop on crafted data, so a server reads them only in a sandbox child
// (Sandbox.Unpack): a child that takes too much memory or time dies,
// the server does not. UnpackInProcess is for servers without a sandbox
// (unit tests), as Extract is.

// ArchiveFormat is the kind of an archive of files an upload form unpacks.
type ArchiveFormat string

// The archives of files an upload form unpacks.
const (
	ArchiveZIP ArchiveFormat = "zip"
	ArchiveRAR ArchiveFormat = "rar"
	Archive7z  ArchiveFormat = "7z"
)

// ArchiveEntry is one entry of a RAR or 7z archive as its headers declare
// it, before anything of it is decoded.
type ArchiveEntry struct {
	Name string `json:"name"` // UTF-8: a RAR 4 name without its Unicode form is decoded from GB18030 (rarEntryName)
	Size int64  `json:"size"` // unpacked, as declared
	Dir  bool   `json:"dir,omitempty"`
	// Link is a symbolic or hard link, a name for another entry's bytes.
	Link bool `json:"link,omitempty"`
	// Encrypted is known from a RAR header; a 7z entry's encryption is
	// found when it is read (ErrEntryEncrypted).
	Encrypted bool `json:"encrypted,omitempty"`
	// Solid: reading the entry decodes the entries before it in its
	// stream, taken or not.
	Solid bool `json:"solid,omitempty"`
}

// ArchiveTake is an entry to read: its index in the listing and the most
// bytes to read of it (one more is read when it has more, so that a
// caller can tell an entry longer than it declares).
type ArchiveTake struct {
	Index int   `json:"i"`
	Max   int64 `json:"max"`
}

// UnpackLimits bound one unpacking of a RAR or 7z archive.
type UnpackLimits struct {
	// MaxEntries is how many entries a listing may hold; more is
	// ErrArchiveEntries.
	MaxEntries int `json:"max_entries"`
	// Dictionary is the largest RAR dictionary decoded; an entry that
	// needs more is ErrEntryDictionary. A 7z dictionary is held to the
	// sandbox's memory.
	Dictionary int64 `json:"dictionary"`
	// Timeout is the time the whole unpacking may take, and Stall the
	// longest a sandbox child may go without sending a byte.
	Timeout time.Duration `json:"timeout"`
	Stall   time.Duration `json:"stall"`
}

// Defaults of UnpackLimits.
const (
	DefaultUnpackEntries    = 90_000 // ≈ what the 4 MiB ZIP directory ingest reads may list
	DefaultUnpackDictionary = 256 << 20
	DefaultUnpackTimeout    = 10 * time.Minute
	DefaultUnpackStall      = 30 * time.Second
)

// WithDefaults is l with its zero fields at their defaults.
func (l UnpackLimits) WithDefaults() UnpackLimits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultUnpackEntries
	}
	if l.Dictionary <= 0 {
		l.Dictionary = DefaultUnpackDictionary
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultUnpackTimeout
	}
	if l.Stall <= 0 {
		l.Stall = DefaultUnpackStall
	}
	return l
}

// Why an archive was not unpacked, whole (errors.Is): the caller names
// the archive and says what to do.
var (
	ErrArchiveDamaged   = errors.New("archive damaged")
	ErrArchiveEncrypted = errors.New("archive headers encrypted")
	ErrArchiveVolume    = errors.New("one volume of a multi-volume archive")
	ErrArchiveEntries   = errors.New("archive lists too many entries")
	// ErrArchiveMemory and ErrArchiveTime are a sandbox child stopped at
	// its memory limit or its time.
	ErrArchiveMemory = errors.New("archive needs more memory than an unpacking may take")
	ErrArchiveTime   = errors.New("archive took longer than an unpacking may")
)

// Why an entry could not be read (errors.Is on a read error of the reader
// the take function of Unpack is given).
var (
	ErrEntryDamaged    = errors.New("archive entry damaged")
	ErrEntryEncrypted  = errors.New("archive entry encrypted")
	ErrEntryMethod     = errors.New("archive entry compressed by an unsupported method")
	ErrEntryDictionary = errors.New("archive entry needs a dictionary over the limit")
)

// errorKinds name the sentinels on the sandbox's wire.
var errorKinds = map[string]error{
	"damaged": ErrArchiveDamaged, "encrypted": ErrArchiveEncrypted, "volume": ErrArchiveVolume, "entries": ErrArchiveEntries,
	"entry_damaged": ErrEntryDamaged, "entry_encrypted": ErrEntryEncrypted, "entry_method": ErrEntryMethod, "entry_dictionary": ErrEntryDictionary,
}

// errorKind is the wire name of err's sentinel, "" for none.
func errorKind(err error) string {
	for k, e := range errorKinds {
		if errors.Is(err, e) {
			return k
		}
	}
	return ""
}

// Choose is told the entries of an archive and answers which to read, in
// the order of the listing; an error stops the unpacking.
type Choose func(entries []ArchiveEntry) ([]ArchiveTake, error)

// Take is given each entry chosen, in the archive's order, as a reader of
// at most its ArchiveTake.Max+1 bytes; a read error wraps one of the
// ErrEntry sentinels (or the context's error). An error Take returns stops
// the unpacking and is returned.
type Take func(index int, r io.Reader) error

// UnpackInProcess unpacks the RAR or 7z archive at path in this process:
// for a server without a sandbox (unit tests). ctx is checked before
// every read; a decoder stuck inside one read is not stopped by it.
func UnpackInProcess(ctx context.Context, format ArchiveFormat, path string, lim UnpackLimits, choose Choose, take Take) error {
	return unpackArchive(ctx, format, path, lim.WithDefaults(), nil, choose, take)
}

// unpackArchive unpacks, counting in progress (when not nil) every byte
// it reads of the archive and every byte it decodes: a sandbox child's
// heartbeat.
func unpackArchive(ctx context.Context, format ArchiveFormat, path string, lim UnpackLimits, progress *unpackProgress, choose Choose, take Take) error {
	switch format {
	case ArchiveRAR:
		return unpackRAR(ctx, oneFile{path: path, read: progress.readCounter()}, lim, progress, choose, take)
	case Archive7z:
		return unpack7z(ctx, path, progress, lim, choose, take)
	}
	return fmt.Errorf("unpack %s: not an archive this reads", format)
}

// takeIndex maps the chosen entries' indexes to their takes, refusing a
// choice that is out of order or out of range (the parent's bug or
// garbage on the wire).
func takeIndex(takes []ArchiveTake, n int) (map[int]int64, int, error) {
	chosen := make(map[int]int64, len(takes))
	last := -1
	for _, t := range takes {
		if t.Index <= last || t.Index >= n || t.Max < 0 {
			return nil, 0, fmt.Errorf("unpack: entry %d chosen out of order or range", t.Index)
		}
		chosen[t.Index], last = t.Max, t.Index
	}
	return chosen, last, nil
}

// oneFile is a file system of one file, the RAR archive being read under
// rarName: rardecode asks for the next volume of a multi-volume archive
// by name, and no other file of the server is to be opened.
type oneFile struct {
	path string
	read *atomic.Int64 // counts the bytes read, when not nil
}

const rarName = "archive.rar"

var errOtherVolume = errors.New("another volume of the archive asked for")

func (o oneFile) Open(name string) (fs.File, error) {
	if name != rarName {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errOtherVolume}
	}
	f, err := os.Open(o.path)
	if err != nil || o.read == nil {
		return f, err
	}
	return &countedFile{File: f, read: o.read}, nil
}

// countedFile is an archive file that adds the bytes read of it to read;
// the methods it does not count (Seek, Stat, Close) are the file's, so
// that the libraries find the same file.
type countedFile struct {
	*os.File
	read *atomic.Int64
}

func (c *countedFile) Read(p []byte) (int, error) {
	n, err := c.File.Read(p)
	c.read.Add(int64(n))
	return n, err
}

func (c *countedFile) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.File.ReadAt(p, off)
	c.read.Add(int64(n))
	return n, err
}

func unpackRAR(ctx context.Context, archive oneFile, lim UnpackLimits, progress *unpackProgress, choose Choose, take Take) error {
	opts := []rardecode.Option{rardecode.FileSystem(archive), rardecode.MaxDictionarySize(lim.Dictionary)}
	// List reads the headers alone, walking over the packed data: a solid
	// archive is not decoded to be listed.
	files, err := rardecode.List(rarName, opts...)
	if err != nil {
		return rarArchiveError(err)
	}
	if len(files) > lim.MaxEntries {
		return fmt.Errorf("%w: %d", ErrArchiveEntries, len(files))
	}
	entries := make([]ArchiveEntry, len(files))
	for i, f := range files {
		entries[i] = ArchiveEntry{Name: rarEntryName(f.Name), Size: max(f.UnPackedSize, 0), Dir: f.IsDir, Encrypted: f.Encrypted, Solid: f.Solid,
			Link: f.LinkType != rardecode.LinkTypeNone || f.Mode()&fs.ModeSymlink != 0}
		if f.UnKnownSize {
			entries[i].Size = -1
		}
	}
	takes, err := choose(entries)
	if err != nil {
		return err
	}
	chosen, last, err := takeIndex(takes, len(entries))
	if err != nil || len(chosen) == 0 {
		return err
	}
	for _, f := range files {
		if f.Solid {
			return takeSolidRAR(ctx, opts, chosen, last, progress, take)
		}
	}
	// Each entry on its own: one that cannot be read (a dictionary over
	// the limit, a damaged stream) leaves the others readable.
	for _, t := range takes {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := takeRAR(ctx, files[t.Index], t, progress, take); err != nil {
			return err
		}
	}
	return nil
}

func takeRAR(ctx context.Context, f *rardecode.File, t ArchiveTake, progress *unpackProgress, take Take) error {
	rc, err := f.Open()
	if err != nil {
		if errors.Is(rarArchiveError(err), ErrArchiveVolume) {
			return rarArchiveError(err)
		}
		return take(t.Index, &entryReader{err: rarEntryError(err)})
	}
	defer rc.Close()
	return take(t.Index, &entryReader{ctx: ctx, r: io.LimitReader(progress.counting(rc), t.Max+1), classify: rarEntryError})
}

// takeSolidRAR reads a solid archive from its start: each entry is
// decoded from the dictionary the entries before it left. What is not
// taken of an entry before the last chosen is decoded here, counted in
// progress, rather than inside Next, where a large entry skipped would
// decode for minutes with nothing to show for it.
func takeSolidRAR(ctx context.Context, opts []rardecode.Option, chosen map[int]int64, last int, progress *unpackProgress, take Take) error {
	rc, err := rardecode.OpenReader(rarName, opts...)
	if err != nil {
		return rarArchiveError(err)
	}
	defer rc.Close()
	for i := 0; i <= last; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Next decodes what is left of the entry before, within the size
		// that entry declares.
		if _, err := rc.Next(); err != nil {
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("%w: the archive ended before entry %d", ErrArchiveDamaged, i)
			}
			if kind := rarArchiveError(err); errors.Is(kind, ErrArchiveVolume) || errors.Is(kind, ErrArchiveEncrypted) {
				return kind
			}
			// The reader cannot go on (rardecode drops its file on a
			// failed Next), nor could a solid stream past a broken entry.
			return takeRest(chosen, i, last, take, rarEntryError(err))
		}
		if max, ok := chosen[i]; ok {
			r := &entryReader{ctx: ctx, r: io.LimitReader(progress.counting(&rc.Reader), max+1), classify: rarEntryError}
			if err := take(i, r); err != nil {
				return err
			}
			if r.err != nil {
				continue // its failure is its own; Next says whether the stream goes on
			}
		}
		if i == last {
			break
		}
		// A failure of the entry's own (its checksum, its password) is
		// left to Next, which says whether the stream goes on past it.
		rest := &entryReader{ctx: ctx, r: progress.counting(&rc.Reader), classify: rarEntryError}
		if _, err := io.Copy(io.Discard, rest); err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// takeRest hands the chosen entries from i on to take as readers that
// fail with err: the archive cannot be read past i.
func takeRest(chosen map[int]int64, i, last int, take Take, err error) error {
	for ; i <= last; i++ {
		if _, ok := chosen[i]; ok {
			if err := take(i, &entryReader{err: err}); err != nil {
				return err
			}
		}
	}
	return nil
}

// rarArchiveError is why a RAR archive cannot be opened at all.
func rarArchiveError(err error) error {
	switch {
	case errors.Is(err, errOtherVolume), errors.Is(err, rardecode.ErrMultiVolume), errors.Is(err, rardecode.ErrBadVolumeNumber):
		return fmt.Errorf("%w: %v", ErrArchiveVolume, err)
	case errors.Is(err, rardecode.ErrArchiveEncrypted):
		return fmt.Errorf("%w: %v", ErrArchiveEncrypted, err)
	}
	return fmt.Errorf("%w: %v", ErrArchiveDamaged, err)
}

// rarEntryError is why an entry of a RAR archive cannot be read.
func rarEntryError(err error) error {
	switch {
	case errors.Is(err, rardecode.ErrArchivedFileEncrypted), errors.Is(err, rardecode.ErrArchiveEncrypted), errors.Is(err, rardecode.ErrUnknownEncryptMethod):
		return fmt.Errorf("%w: %v", ErrEntryEncrypted, err)
	case errors.Is(err, rardecode.ErrDictionaryTooLarge), errors.Is(err, rardecode.ErrPlatformIntSize):
		return fmt.Errorf("%w: %v", ErrEntryDictionary, err)
	case errors.Is(err, rardecode.ErrUnknownVersion), errors.Is(err, rardecode.ErrUnknownDecoder), errors.Is(err, rardecode.ErrUnsupportedDecoder),
		errors.Is(err, rardecode.ErrUnknownFilter):
		return fmt.Errorf("%w: %v", ErrEntryMethod, err)
	}
	return fmt.Errorf("%w: %v", ErrEntryDamaged, err)
}

func unpack7z(ctx context.Context, path string, progress *unpackProgress, lim UnpackLimits, choose Choose, take Take) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open archive: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open archive: %w", err)
	}
	var r io.ReaderAt = f
	if progress != nil {
		r = &countedFile{File: f, read: &progress.read}
	}
	refuse7zDecryption()
	// A header with a password: NewReader cannot list the entries.
	zr, err := sevenzip.NewReader(r, fi.Size())
	if err != nil {
		var re *sevenzip.ReadError
		if errors.Is(err, errNo7zPassword) || errors.As(err, &re) && re.Encrypted {
			return fmt.Errorf("%w: %v", ErrArchiveEncrypted, err)
		}
		return fmt.Errorf("%w: %v", ErrArchiveDamaged, err)
	}
	if len(zr.File) > lim.MaxEntries {
		return fmt.Errorf("%w: %d", ErrArchiveEntries, len(zr.File))
	}
	perStream, next := map[int]int{}, map[int]int{} // next: a stream's first entry not decoded yet
	for i, zf := range zr.File {
		if zf.UncompressedSize > 0 {
			if perStream[zf.Stream]++; perStream[zf.Stream] == 1 {
				next[zf.Stream] = i
			}
		}
	}
	entries := make([]ArchiveEntry, len(zr.File))
	for i, zf := range zr.File {
		entries[i] = ArchiveEntry{Name: zf.Name, Size: int64(min(zf.UncompressedSize, 1<<62)), Dir: zf.FileInfo().IsDir(),
			Solid: zf.UncompressedSize > 0 && perStream[zf.Stream] > 1, Link: zf.FileInfo().Mode()&fs.ModeSymlink != 0}
	}
	takes, err := choose(entries)
	if err != nil {
		return err
	}
	if _, _, err := takeIndex(takes, len(entries)); err != nil {
		return err
	}
	for _, t := range takes {
		if err := ctx.Err(); err != nil {
			return err
		}
		zf := zr.File[t.Index]
		if zf.UncompressedSize > 0 && perStream[zf.Stream] > 1 {
			skip7z(ctx, zr.File[next[zf.Stream]:t.Index], zf.Stream, progress)
			next[zf.Stream] = t.Index + 1
		}
		if err := take7z(ctx, zf, t, progress, take); err != nil {
			return err
		}
	}
	return nil
}

// skip7z decodes the entries of stream in files, which come before one
// taken in that solid stream, counting them in progress: opened, the
// entry taken would have the library decode them inside one call, with
// nothing to show for it however long that takes. Their errors are left
// to the entry taken, whose reading fails with them.
func skip7z(ctx context.Context, files []*sevenzip.File, stream int, progress *unpackProgress) {
	for _, zf := range files {
		if zf.UncompressedSize == 0 || zf.Stream != stream || ctx.Err() != nil {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return
		}
		_, err = io.Copy(io.Discard, &entryReader{ctx: ctx, r: progress.counting(rc), classify: sevenEntryError})
		rc.Close()
		if err != nil {
			return
		}
	}
}

// take7z hands one entry to take and reads what take left of it: the
// library keeps a solid stream's decoder at the end of the entry read
// whole, and the next entry of that stream starts from there instead of
// decoding the stream again from its start.
func take7z(ctx context.Context, zf *sevenzip.File, t ArchiveTake, progress *unpackProgress, take Take) error {
	zr, err := zf.Open()
	if err != nil {
		return take(t.Index, &entryReader{err: sevenEntryError(err)})
	}
	defer zr.Close()
	rc := progress.counting(zr)
	r := &entryReader{ctx: ctx, r: io.LimitReader(&crcReader{r: rc, want: zf.CRC32, crc: crc32.NewIEEE()}, t.Max+1), classify: sevenEntryError}
	if err := take(t.Index, r); err != nil {
		return err
	}
	if r.err == nil {
		// Bounded by the size the entry declares: the library reads no
		// more of it.
		io.Copy(io.Discard, &entryReader{ctx: ctx, r: rc, classify: sevenEntryError})
	}
	return nil
}

// crcReader fails at the end of a file whose bytes do not have the
// checksum its header gives (want; 0 when it gives none): the 7z library
// checks no file's checksum, and a damaged stored file reads as bytes all
// the same. (An encrypted stored one fails before, at its password:
// refuse7zDecryption.)
type crcReader struct {
	r    io.Reader
	want uint32
	crc  hash.Hash32
}

func (c *crcReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.crc.Write(p[:n])
	if err == io.EOF && c.want != 0 && c.crc.Sum32() != c.want {
		return n, fmt.Errorf("%w: checksum %08x, header says %08x", ErrEntryDamaged, c.crc.Sum32(), c.want)
	}
	return n, err
}

// sevenEntryError is why an entry of a 7z archive cannot be read.
func sevenEntryError(err error) error {
	var re *sevenzip.ReadError
	switch {
	case errors.Is(err, errNo7zPassword), errors.As(err, &re) && re.Encrypted:
		return fmt.Errorf("%w: %v", ErrEntryEncrypted, err)
	case strings.Contains(err.Error(), "unsupported compression algorithm"):
		return fmt.Errorf("%w: %v", ErrEntryMethod, err)
	}
	return fmt.Errorf("%w: %v", ErrEntryDamaged, err)
}

// entryReader reads an entry, checking ctx before each read and naming a
// read error's kind (classify); once failed it fails again with the same
// error.
type entryReader struct {
	ctx      context.Context
	r        io.Reader
	classify func(error) error
	err      error
}

func (e *entryReader) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	if err := e.ctx.Err(); err != nil {
		e.err = err
		return 0, err
	}
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = e.classify(err)
		return n, e.err
	}
	return n, err
}

package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/readerr"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// maxArchiveFiles is how many files one archive may bring: a
// department's 材料汇总.zip holds tens; the files past it are refused,
// each by name.
const maxArchiveFiles = 500

// maxArchiveDirectory bounds what opening an archive may read of its
// directory. archive/zip makes a record for every directory entry it
// finds, whatever the archive says its count is: a crafted 200 MiB
// archive of empty entries would take gigabytes. 4 MiB holds the
// directory of maxArchiveFiles files with long Chinese names many times
// over, and at most ≈ 90,000 entries' records.
const maxArchiveDirectory = 4 << 20

// archiveUnpackFactor is how many times the per-file limit all the files
// of one archive may unpack to together, as many as one request may send
// (the API reads a request body of up to eight files).
const archiveUnpackFactor = 8

// UnpackBudget is what the archives of one upload request may still
// unpack: files, and bytes as their directories or headers declare them
// (which the readers hold each file to). It is charged for every file opened,
// taken or refused, so that entries pointing at one compressed stream or
// many archives in one request cannot multiply the work: at most
// maxArchiveFiles files and eight times the per-file limit a request, as
// many bytes as one request may send. Make one per request with
// Service.NewUnpackBudget; it is not safe for concurrent use.
type UnpackBudget struct {
	files int
	bytes int64
	limit int64 // bytes at the start, for messages
}

// NewUnpackBudget returns the budget of one upload request's archives.
func (s *Service) NewUnpackBudget() *UnpackBudget {
	n := archiveUnpackFactor * s.cfg.MaxUpload
	return &UnpackBudget{files: maxArchiveFiles, bytes: n, limit: n}
}

// StageUpload receives one file of an upload form as Stage does, except
// that an archive of files (材料汇总.zip, .rar or .7z, how departments
// hand in what they gathered) is opened and each file in it staged as if
// it had been sent alone, under its own name (Staged.Archive names the
// archive), within the request's budget. The archive itself is not kept:
// the files in it are the documents. A file in it that cannot be taken
// (of a type the archive cannot read, encrypted, damaged, over the
// per-file limit, an archive within the archive, past the request's
// budget) is refused alone, its Outcome naming it; the archive is a
// RefusedFile when it cannot be opened, holds no file or more files than
// the budget has left. A cancelled ctx (the client gone) stops the
// unpacking. RAR and 7z are unpacked in the extraction sandbox
// (unpackOther); ZIP in process, bounded by archive/zip.
func (s *Service) StageUpload(ctx context.Context, r io.Reader, filename string, budget *UnpackBudget) ([]*Staged, []Outcome, error) {
	st, err := stageFile(r, filename, s.cfg.TempDir, s.cfg.MaxUpload, s.mem, true, true)
	if err != nil {
		return nil, nil, err
	}
	if st.archive == "" {
		return []*Staged{st}, nil, nil
	}
	defer st.Remove()
	if st.archive == extract.ArchiveZIP {
		return s.unpackZIP(ctx, st, budget)
	}
	return s.unpackOther(ctx, st, budget)
}

// entry is a file of an archive as its directory or headers declare it.
type entry struct {
	name      string // the base name, decoded and sanitised
	size      int64  // unpacked, as declared
	encrypted bool
	// solid: reading it, or any entry after it in its stream, decodes
	// it whole, taken or not.
	solid bool
}

// unpacking is one archive's files as they are staged: the files taken,
// and the outcomes of those refused, in the archive's order.
type unpacking struct {
	archive string
	staged  []*Staged
	refused []Outcome
}

func (u *unpacking) refuse(name string, err error) {
	u.refused = append(u.refused, Outcome{Filename: name, Archive: u.archive, Err: err})
}

// discard removes the files staged so far.
func (u *unpacking) discard() {
	for _, m := range u.staged {
		m.Remove()
	}
	u.staged = nil
}

// plan applies the request's rules to the entries of an archive (those
// passed over already left out): which to read and how much of each,
// refusing the others by name; the archive is a RefusedFile when it holds
// no file or more than the budget has left. It charges budget.
func (s *Service) plan(u *unpacking, entries []entry, budget *UnpackBudget) ([]int, error) {
	switch {
	case len(entries) == 0:
		return nil, &RefusedFile{Filename: u.archive,
			Err: catalog.Errorf(catalog.EINVALID, "压缩包“%s”中没有文件；请检查后重新压缩上传", u.archive)}
	case len(entries) > budget.files:
		// Refused whole, not a row per file past the count: a crafted
		// directory of 90,000 entries would make an answer of megabytes.
		return nil, &RefusedFile{Filename: u.archive, Err: catalog.Errorf(catalog.ETOOLARGE,
			"压缩包“%s”中有 %d 个文件，一次上传最多 %d 个；请分成几个压缩包上传", u.archive, len(entries), maxArchiveFiles)}
	}
	budget.files -= len(entries)
	var take []int
	for i, e := range entries {
		switch {
		case e.encrypted:
			u.refuse(e.name, catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”已加密，无法读取；请解压后上传该文件", u.archive, e.name))
		case e.size > s.cfg.MaxUpload:
			u.refuse(e.name, catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”中的“%s”超过单个文件上传上限 %s；请压缩或拆分后单独上传", u.archive, e.name, FormatBytes(s.cfg.MaxUpload)))
			if e.solid {
				// The entries after it in its stream are reached only by
				// decoding it: that is work the budget pays for.
				budget.bytes = max(budget.bytes-e.size, 0)
			}
		case e.size > budget.bytes:
			u.refuse(e.name, catalog.Errorf(catalog.ETOOLARGE, "压缩包中的文件解压后合计超过一次上传 %s 的上限，“%s”中的“%s”未处理；请分几次上传", FormatBytes(budget.limit), u.archive, e.name))
			if e.solid {
				// The files after it in its stream are reached only by
				// decoding it: past the budget as well. The rest of the
				// request's budget goes with them, which is simpler to
				// say than to follow each stream, and costs only files
				// a request this large would have lost soon after.
				budget.bytes = 0
			}
		default:
			// Charged as declared whether it is taken or refused: reading
			// it is the work, and no reader reads more than that.
			budget.bytes -= e.size
			take = append(take, i)
		}
	}
	return take, nil
}

// unpackZIP stages the files of the ZIP archive st within budget.
func (s *Service) unpackZIP(ctx context.Context, st *Staged, budget *UnpackBudget) ([]*Staged, []Outcome, error) {
	zr, closer, err := openArchive(st)
	if err != nil {
		return nil, nil, err
	}
	defer closer.Close()
	var files []*zip.File
	var entries []entry
	for _, f := range zr.File {
		if name, skip := memberName(f.Name, f.FileInfo().IsDir() && f.UncompressedSize64 == 0); !skip {
			files = append(files, f)
			entries = append(entries, entry{name: name, size: int64(min(f.UncompressedSize64, uint64(1<<62))), encrypted: f.Flags&0x1 != 0})
		}
	}
	u := &unpacking{archive: st.Filename}
	take, err := s.plan(u, entries, budget)
	if err != nil {
		return nil, nil, err
	}
	for _, i := range take {
		if err := ctx.Err(); err != nil {
			u.discard()
			return nil, nil, fmt.Errorf("unpack %s: %w", st.Filename, err)
		}
		if err := s.takeZIP(u, files[i], entries[i]); err != nil {
			u.discard()
			return nil, nil, err
		}
	}
	return u.staged, u.refused, nil
}

// takeZIP stages the file f of a ZIP archive, refusing it alone when it
// cannot be taken; any other error (the disk) ends the upload.
func (s *Service) takeZIP(u *unpacking, f *zip.File, e entry) error {
	rc, err := f.Open()
	if err != nil {
		if errors.Is(err, zip.ErrAlgorithm) {
			u.refuse(e.name, memberMethod(u.archive, e.name))
		} else {
			u.refuse(e.name, memberDamaged(u.archive, e.name))
		}
		return nil
	}
	defer rc.Close()
	// Any read error is the archive's bytes, not the disk: a checksum that
	// does not match, a cut-off member, a broken deflate stream.
	return s.stageEntry(u, e, rc, func(error) error { return memberDamaged(u.archive, e.name) })
}

// stageEntry stages the entry e of an archive from r, reading at most its
// declared size unpacked. A read error of r is the entry's when readErr
// gives a refusal for it (else it ends the upload); a refusal of the file
// alone is added to u; any other error (the disk) ends the upload.
func (s *Service) stageEntry(u *unpacking, e entry, r io.Reader, readErr func(error) error) error {
	src := &readerr.Source{R: r}
	m, err := stageFile(src, e.name, s.cfg.TempDir, e.size, s.mem, true, false)
	var refusal *RefusedFile
	switch {
	case err == nil && m.archive != "":
		m.Remove()
		u.refuse(e.name, catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”又是一个压缩包，不会再解开；请解压后上传其中的文件", u.archive, e.name))
	case err == nil:
		m.Archive = u.archive
		u.staged = append(u.staged, m)
	case src.Err != nil:
		refused := readErr(src.Err)
		if refused == nil {
			return src.Err
		}
		u.refuse(e.name, refused)
	case catalog.ErrorCode(err) == catalog.ETOOLARGE:
		// The readers fail a read past the size declared (src.Err above);
		// this is that size met all the same.
		u.refuse(e.name, memberTooLarge(u.archive, e.name, e.size))
	case errors.As(err, &refusal):
		u.refuse(e.name, refusal.Err)
	default:
		return err
	}
	return nil
}

func memberMethod(archive, name string) error {
	return catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”使用了不支持的压缩方式；请用系统自带的压缩功能或 ZIP 格式重新压缩后上传", archive, name)
}

func memberTooLarge(archive, name string, maxBytes int64) error {
	return catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”中的“%s”解压后超过它自己声明的 %s（可能是压缩炸弹），未处理；请解压后单独上传该文件", archive, name, FormatBytes(maxBytes))
}

func memberDamaged(archive, name string) error {
	return catalog.Errorf(catalog.EINVALID, "压缩包“%s”中的“%s”已损坏，无法解压；请重新压缩后上传", archive, name)
}

// openArchive opens the staged archive's directory, reading no more of
// it than maxArchiveDirectory; close the Closer when done with the files.
func openArchive(st *Staged) (*zip.Reader, io.Closer, error) {
	var ra io.ReaderAt
	var closer io.Closer = io.NopCloser(nil)
	if st.data != nil {
		ra = bytes.NewReader(st.data)
	} else {
		f, err := os.Open(st.Path)
		if err != nil {
			return nil, nil, fmt.Errorf("open staged archive %s: %w", st.Filename, err)
		}
		ra, closer = f, f
	}
	limited := &readBudget{r: ra, left: maxArchiveDirectory}
	zr, err := zip.NewReader(limited, st.Size)
	if err != nil {
		closer.Close()
	}
	if errors.Is(err, errDirectoryTooLarge) {
		return nil, nil, &RefusedFile{Filename: st.Filename, Err: catalog.Errorf(catalog.ETOOLARGE,
			"压缩包“%s”的目录过大（文件过多）；请分成几个压缩包上传，每个不超过 %d 个文件", st.Filename, maxArchiveFiles)}
	}
	if err != nil {
		return nil, nil, &RefusedFile{Filename: st.Filename, Err: catalog.Errorf(catalog.EINVALID,
			"压缩包“%s”已损坏，无法打开；请重新压缩后上传", st.Filename)}
	}
	limited.left = -1 // the members' reads are bounded by their sizes
	return zr, closer, nil
}

var errDirectoryTooLarge = errors.New("zip directory over the limit")

// readBudget is a ReaderAt that fails once it has read left bytes (no
// limit when left is negative).
type readBudget struct {
	r    io.ReaderAt
	left int64
}

func (b *readBudget) ReadAt(p []byte, off int64) (int, error) {
	if b.left >= 0 {
		if b.left < int64(len(p)) {
			return 0, errDirectoryTooLarge
		}
		b.left -= int64(len(p))
	}
	return b.r.ReadAt(p, off)
}

// memberName is the base name of an archive's file named raw (dir: its
// entry says it is a folder), decoded from GB18030 when it is not UTF-8
// (ZIP and RAR 4 archives made on Chinese Windows write GBK names), and
// whether to pass it over: folders, and what systems leave in archives
// (__MACOSX/, .DS_Store, Thumbs.db, Office's ~$ lock files).
func memberName(raw string, dir bool) (string, bool) {
	// Not the UTF-8 flag: archivers on macOS and Linux write UTF-8 names
	// without it, and a GBK name is seldom valid UTF-8.
	if !utf8.ValidString(raw) {
		if s, err := simplifiedchinese.GB18030.NewDecoder().String(raw); err == nil {
			raw = s
		}
	}
	raw = strings.ReplaceAll(raw, "\\", "/")
	if strings.HasSuffix(raw, "/") || dir {
		return "", true // a folder; one marked so that holds data is a file
	}
	if strings.HasPrefix(raw, "__MACOSX/") || strings.Contains(raw, "/__MACOSX/") {
		return "", true
	}
	base := path.Base(raw)
	switch strings.ToLower(base) {
	case ".ds_store", "thumbs.db", "desktop.ini":
		return "", true
	}
	if strings.HasPrefix(base, "~$") || strings.HasPrefix(base, "._") {
		return "", true
	}
	return SanitizeFilename(base), false
}

// ArchiveFieldRefused is the error for an upload form's field that names
// one document's own (title, 文号, date, issuer) given with an archive of
// files, whose files each have their own.
func ArchiveFieldRefused(field string) error {
	return catalog.FieldErrorf(field, catalog.EINVALID, "压缩包中的每个文件各有自己的标题、文号、成文日期和发文机关；请将这几项留空（系统从正文中读取），上传后再在各文件的页面上修改")
}

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
	"github.com/lcmonitor/evidence/internal/readerr"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// maxArchiveFiles is how many files one ZIP archive may bring: a
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

// UnpackBudget is what the ZIP archives of one upload request may still
// unpack: files, and bytes as their directories declare them (which
// archive/zip holds each file to). It is charged for every file opened,
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
// that a ZIP archive of files (材料汇总.zip, how departments hand in what
// they gathered) is opened and each file in it staged as if it had been
// sent alone, under its own name (Staged.Archive names the archive),
// within the request's budget. The archive itself is not kept: the files
// in it are the documents. A file in it that cannot be taken (of a type
// the archive cannot read, encrypted, damaged, over the per-file limit,
// an archive within the archive, past the request's budget) is refused
// alone, its Outcome naming it; the archive is a RefusedFile when it
// cannot be opened, holds no file or more files than the budget has left.
// A cancelled ctx (the client gone) stops the unpacking.
func (s *Service) StageUpload(ctx context.Context, r io.Reader, filename string, budget *UnpackBudget) ([]*Staged, []Outcome, error) {
	st, err := stageFile(r, filename, s.cfg.TempDir, s.cfg.MaxUpload, s.mem, true, true)
	if err != nil {
		return nil, nil, err
	}
	if !st.archive {
		return []*Staged{st}, nil, nil
	}
	defer st.Remove()
	return s.unpack(ctx, st, budget)
}

// unpack stages the files of the archive st within budget.
func (s *Service) unpack(ctx context.Context, st *Staged, budget *UnpackBudget) (staged []*Staged, refused []Outcome, err error) {
	ok := false
	defer func() {
		if !ok {
			for _, m := range staged {
				m.Remove()
			}
		}
	}()
	zr, closer, err := openArchive(st)
	if err != nil {
		return nil, nil, err
	}
	defer closer.Close()
	type member struct {
		f    *zip.File
		name string
	}
	var members []member
	for _, f := range zr.File {
		if name, skip := memberName(f); !skip {
			members = append(members, member{f, name})
		}
	}
	switch {
	case len(members) == 0:
		return nil, nil, &RefusedFile{Filename: st.Filename,
			Err: catalog.Errorf(catalog.EINVALID, "压缩包“%s”中没有文件；请检查后重新压缩上传", st.Filename)}
	case len(members) > budget.files:
		// Refused whole, not a row per file past the count: a crafted
		// directory of 90,000 entries would make an answer of megabytes.
		return nil, nil, &RefusedFile{Filename: st.Filename, Err: catalog.Errorf(catalog.ETOOLARGE,
			"压缩包“%s”中有 %d 个文件，一次上传最多 %d 个；请分成几个压缩包上传", st.Filename, len(members), maxArchiveFiles)}
	}
	budget.files -= len(members)
	refuse := func(name string, err error) {
		refused = append(refused, Outcome{Filename: name, Archive: st.Filename, Err: err})
	}
	for _, m := range members {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("unpack %s: %w", st.Filename, err)
		}
		f, name := m.f, m.name
		size := int64(min(f.UncompressedSize64, uint64(1<<62)))
		switch {
		case f.Flags&0x1 != 0:
			refuse(name, catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”已加密，无法读取；请解压后上传该文件", st.Filename, name))
			continue
		case size > s.cfg.MaxUpload:
			refuse(name, catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”中的“%s”超过单个文件上传上限 %s；请压缩或拆分后单独上传", st.Filename, name, FormatBytes(s.cfg.MaxUpload)))
			continue
		case size > budget.bytes:
			refuse(name, catalog.Errorf(catalog.ETOOLARGE, "压缩包中的文件解压后合计超过一次上传 %s 的上限，“%s”中的“%s”未处理；请分几次上传", FormatBytes(budget.limit), st.Filename, name))
			continue
		}
		// Charged as declared whether it is taken or refused: reading it
		// is the work, and archive/zip reads no more than that.
		budget.bytes -= size
		m, err := s.stageMember(st.Filename, f, name, size)
		if err != nil {
			var refusal *RefusedFile
			if !errors.As(err, &refusal) {
				return nil, nil, err
			}
			refuse(name, refusal.Err)
			continue
		}
		staged = append(staged, m)
	}
	ok = true
	return staged, refused, nil
}

// stageMember stages the file f of the archive named archive, reading at
// most maxBytes of it unpacked (the size its directory declares). A refusal of the file alone is a
// RefusedFile; any other error (the disk) ends the upload.
func (s *Service) stageMember(archive string, f *zip.File, name string, maxBytes int64) (*Staged, error) {
	refused := func(err error) error { return &RefusedFile{Filename: name, Err: err} }
	rc, err := f.Open()
	if err != nil {
		if errors.Is(err, zip.ErrAlgorithm) {
			return nil, refused(catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”使用了不支持的压缩方式；请用系统自带的压缩功能或 ZIP 格式重新压缩后上传", archive, name))
		}
		return nil, refused(memberDamaged(archive, name))
	}
	defer rc.Close()
	src := &readerr.Source{R: rc}
	m, err := stageFile(src, name, s.cfg.TempDir, maxBytes, s.mem, true, false)
	switch {
	case err == nil && m.archive:
		m.Remove()
		return nil, refused(catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”又是一个压缩包，不会再解开；请解压后上传其中的文件", archive, name))
	case err == nil:
		m.Archive = archive
		return m, nil
	case src.Err != nil:
		// The archive's bytes, not the disk: a checksum that does not
		// match, a cut-off member, a broken deflate stream.
		return nil, refused(memberDamaged(archive, name))
	case catalog.ErrorCode(err) == catalog.ETOOLARGE:
		// archive/zip fails a read past the size the directory gives
		// (src.Err above); this is that size met all the same.
		return nil, refused(memberTooLarge(archive, name, maxBytes))
	}
	return nil, err
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

// memberName is the base name of an archive's file, decoded from GB18030
// when it is not UTF-8 (archives made on Chinese Windows write GBK names),
// and whether to pass it over: folders, and what
// systems leave in archives (__MACOSX/, .DS_Store, Thumbs.db, Office's
// ~$ lock files).
func memberName(f *zip.File) (string, bool) {
	raw := f.Name
	// Not the UTF-8 flag: archivers on macOS and Linux write UTF-8 names
	// without it, and a GBK name is seldom valid UTF-8.
	if !utf8.ValidString(raw) {
		if s, err := simplifiedchinese.GB18030.NewDecoder().String(raw); err == nil {
			raw = s
		}
	}
	raw = strings.ReplaceAll(raw, "\\", "/")
	if strings.HasSuffix(raw, "/") || f.FileInfo().IsDir() && f.UncompressedSize64 == 0 {
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
// one document's own (title, 文号, date, issuer) given with a ZIP
// archive, whose files each have their own.
func ArchiveFieldRefused(field string) error {
	return catalog.FieldErrorf(field, catalog.EINVALID, "压缩包中的每个文件各有自己的标题、文号、成文日期和发文机关；请将这几项留空（系统从正文中读取），上传后再在各文件的页面上修改")
}

package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
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

// StageUpload receives one file of an upload form as Stage does, except
// that a ZIP archive of files (材料汇总.zip, how departments hand in what
// they gathered) is opened and each file in it staged as if it had been
// sent alone, under its own name (Staged.Archive names the archive). The
// archive itself is not kept: the files in it are the documents. A file
// in it that cannot be taken (of a type the archive cannot read,
// encrypted, damaged, over the limit once unpacked, an archive within
// the archive) is refused alone, its Outcome naming it; the archive is a
// RefusedFile when it cannot be opened or holds no file. The files of one
// archive unpack to at most eight times the per-file limit together.
func (s *Service) StageUpload(r io.Reader, filename string) ([]*Staged, []Outcome, error) {
	st, err := stageFile(r, filename, s.cfg.TempDir, s.cfg.MaxUpload, s.mem, true)
	if err != nil {
		return nil, nil, err
	}
	if !st.archive {
		return []*Staged{st}, nil, nil
	}
	defer st.Remove()
	return s.unpack(st)
}

// unpack stages the files of the archive st.
func (s *Service) unpack(st *Staged) (staged []*Staged, refused []Outcome, err error) {
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
	refuse := func(name string, err error) {
		refused = append(refused, Outcome{Filename: name, Archive: st.Filename, Err: err})
	}
	left := archiveUnpackFactor * s.cfg.MaxUpload
	files := 0
	for _, f := range zr.File {
		name, skip := memberName(f)
		if skip {
			continue
		}
		files++
		switch {
		case files > maxArchiveFiles:
			refuse(name, catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”中的文件超过 %d 个,“%s”未处理;请分成几个压缩包上传", st.Filename, maxArchiveFiles, name))
			continue
		case f.Flags&0x1 != 0:
			refuse(name, catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”已加密,无法读取;请解压后上传该文件", st.Filename, name))
			continue
		case f.UncompressedSize64 > uint64(s.cfg.MaxUpload):
			refuse(name, memberTooLarge(st.Filename, name, s.cfg.MaxUpload))
			continue
		case left <= 0 || f.UncompressedSize64 > uint64(left):
			refuse(name, catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”中的文件解压后合计超过 %s 上限,“%s”未处理;请分成几个压缩包上传", st.Filename, FormatBytes(archiveUnpackFactor*s.cfg.MaxUpload), name))
			continue
		}
		m, err := s.stageMember(st.Filename, f, name, min(s.cfg.MaxUpload, left))
		if err != nil {
			var refusal *RefusedFile
			if !errors.As(err, &refusal) {
				return nil, nil, err
			}
			refuse(name, refusal.Err)
			continue
		}
		left -= m.Size
		staged = append(staged, m)
	}
	if files == 0 {
		return nil, nil, &RefusedFile{Filename: st.Filename,
			Err: catalog.Errorf(catalog.EINVALID, "压缩包“%s”中没有文件;请检查后重新压缩上传", st.Filename)}
	}
	ok = true
	return staged, refused, nil
}

// stageMember stages the file f of the archive named archive, reading at
// most maxBytes of it unpacked. A refusal of the file alone is a
// RefusedFile; any other error (the disk) ends the upload.
func (s *Service) stageMember(archive string, f *zip.File, name string, maxBytes int64) (*Staged, error) {
	refused := func(err error) error { return &RefusedFile{Filename: name, Err: err} }
	rc, err := f.Open()
	if err != nil {
		if errors.Is(err, zip.ErrAlgorithm) {
			return nil, refused(catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”使用了不支持的压缩方式;请用系统自带的压缩功能或 ZIP 格式重新压缩后上传", archive, name))
		}
		return nil, refused(memberDamaged(archive, name))
	}
	defer rc.Close()
	src := &sourceReader{r: rc}
	m, err := stageFile(src, name, s.cfg.TempDir, maxBytes, s.mem, true)
	switch {
	case err == nil && m.archive:
		m.Remove()
		return nil, refused(catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”又是一个压缩包,不会再解开;请解压后上传其中的文件", archive, name))
	case err == nil:
		m.Archive = archive
		return m, nil
	case src.err != nil:
		// The archive's bytes, not the disk: a checksum that does not
		// match, a cut-off member, a broken deflate stream.
		return nil, refused(memberDamaged(archive, name))
	case catalog.ErrorCode(err) == catalog.ETOOLARGE:
		// archive/zip fails a read past the size the header gives (src.err
		// above); this is the limit met all the same.
		return nil, refused(memberTooLarge(archive, name, maxBytes))
	}
	return nil, err
}

func memberTooLarge(archive, name string, maxBytes int64) error {
	return catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”中的“%s”解压后超过 %s 上限(可能是压缩炸弹),未处理", archive, name, FormatBytes(maxBytes))
}

func memberDamaged(archive, name string) error {
	return catalog.Errorf(catalog.EINVALID, "压缩包“%s”中的“%s”已损坏,无法解压;请重新压缩后上传", archive, name)
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
			"压缩包“%s”的目录过大(文件过多);请分成几个压缩包上传,每个不超过 %d 个文件", st.Filename, maxArchiveFiles)}
	}
	if err != nil {
		return nil, nil, &RefusedFile{Filename: st.Filename, Err: catalog.Errorf(catalog.EINVALID,
			"压缩包“%s”已损坏,无法打开;请重新压缩后上传", st.Filename)}
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
	if strings.HasSuffix(raw, "/") || f.FileInfo().IsDir() {
		return "", true
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
	return catalog.FieldErrorf(field, catalog.EINVALID, "压缩包中的每个文件各有自己的标题、文号、成文日期和发文机关;请不填这几项(系统从正文中读取),上传后再在各文件的页面上修改")
}

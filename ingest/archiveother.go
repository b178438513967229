package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// unpackOther stages the files of the RAR or 7z archive st within budget,
// by the rules of a ZIP's (plan). Their decoders allocate what the
// archive's headers ask for and are not known never to loop, so with a
// sandbox (every server) the archive is read in a child of its own,
// killed past its memory, when it stalls and at its time
// (extract.Sandbox.Unpack, Config.ArchiveSandbox or Config.Sandbox); its
// files come back through a pipe, each staged as it arrives. Without one
// (unit tests) it is read in process, as extractions are.
func (s *Service) unpackOther(ctx context.Context, st *Staged, budget *UnpackBudget) ([]*Staged, []Outcome, error) {
	path, cleanup, err := s.archiveFile(st)
	if err != nil {
		return nil, nil, err
	}
	defer cleanup()
	unpack := extract.UnpackInProcess
	if sb := s.archiveSandbox(); sb != nil {
		unpack = sb.Unpack
	}
	u := &unpacking{archive: st.Filename}
	var kept []entry // by the index of the listing
	var planErr error
	choose := func(listed []extract.ArchiveEntry) ([]extract.ArchiveTake, error) {
		kept = make([]entry, len(listed))
		var entries []entry
		var index []int
		for i, a := range listed {
			name, skip := memberName(a.Name, a.Dir)
			if skip || a.Link {
				continue // a link names another entry's bytes, or a file of the sender's disk
			}
			kept[i] = entry{name: name, size: a.Size, encrypted: a.Encrypted, solid: a.Solid}
			if a.Size < 0 { // a size the archive does not know: it may take a file's whole limit
				kept[i].size = s.cfg.MaxUpload
			}
			entries, index = append(entries, kept[i]), append(index, i)
		}
		take, err := s.plan(u, entries, budget)
		if err != nil {
			planErr = err
			return nil, err
		}
		takes := make([]extract.ArchiveTake, len(take))
		for j, k := range take {
			takes[j] = extract.ArchiveTake{Index: index[k], Max: entries[k].size}
		}
		return takes, nil
	}
	take := func(i int, r io.Reader) error {
		// Unpack hands over only the entries chosen; should that ever
		// break, the archive is refused rather than the request panicking.
		if i < 0 || i >= len(kept) || kept[i].name == "" {
			return fmt.Errorf("%w: entry %d was not chosen", extract.ErrArchiveDamaged, i)
		}
		e := kept[i]
		return s.stageEntry(u, e, r, func(err error) error { return entryRefusal(u.archive, e, err, s.unpackLimits()) })
	}
	err = unpack(ctx, st.archive, path, s.unpackLimits(), choose, take)
	switch {
	case err == nil:
		return u.staged, u.refused, nil
	case planErr != nil:
		return nil, nil, planErr
	}
	u.discard()
	if ctx.Err() != nil {
		return nil, nil, fmt.Errorf("unpack %s: %w", st.Filename, ctx.Err())
	}
	if refused := s.archiveRefusal(st, err); refused != nil {
		if s.log != nil {
			s.log.Info("archive refused", "archive", st.Filename, "reason", err)
		}
		return nil, nil, refused
	}
	return nil, nil, fmt.Errorf("unpack %s: %w", st.Filename, err)
}

// archiveSandbox is where RAR and 7z archives are unpacked, nil for in
// process.
func (s *Service) archiveSandbox() *extract.Sandbox {
	if s.cfg.ArchiveSandbox != nil {
		return s.cfg.ArchiveSandbox
	}
	return s.cfg.Sandbox
}

// unpackLimits are the bounds of unpacking one RAR or 7z archive.
func (s *Service) unpackLimits() extract.UnpackLimits {
	lim := s.cfg.Unpack
	lim.MaxEntries = maxArchiveEntries
	return lim
}

// maxArchiveEntries is how many entries a RAR or 7z archive may list: as
// many as the 4 MiB a ZIP's directory may take holds records of
// (maxArchiveDirectory).
const maxArchiveEntries = extract.DefaultUnpackEntries

// archiveFile is the path of the staged archive st, written to a
// temporary file when it is held in memory: the sandbox child reads a
// file.
func (s *Service) archiveFile(st *Staged) (string, func(), error) {
	if st.data == nil {
		return st.Path, func() {}, nil
	}
	if err := os.MkdirAll(s.cfg.TempDir, 0o755); err != nil {
		return "", nil, fmt.Errorf("create temp folder: %w", err)
	}
	f, err := os.CreateTemp(s.cfg.TempDir, "archive-*")
	if err != nil {
		return "", nil, fmt.Errorf("temporary copy of archive %s: %w", st.Filename, err)
	}
	_, err = f.Write(st.data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", nil, fmt.Errorf("temporary copy of archive %s: %w", st.Filename, err)
	}
	return f.Name(), func() { os.Remove(f.Name()) }, nil
}

// splitVolumeName is the name of a part of an archive split into volumes
// by 7-Zip or by hand (材料.7z.001): the first part opens as a damaged 7z.
var splitVolumeName = regexp.MustCompile(`(?i)\.(7z|zip|rar)\.\d{3}$`)

// archiveRefusal is the RefusedFile of the whole archive st that err
// stopped, or nil when err is not the archive's.
func (s *Service) archiveRefusal(st *Staged, err error) *RefusedFile {
	name, lim := st.Filename, s.unpackLimits()
	var e error
	switch {
	case errors.Is(err, extract.ErrArchiveVolume),
		errors.Is(err, extract.ErrArchiveDamaged) && splitVolumeName.MatchString(name):
		e = catalog.Errorf(catalog.EINVALID, "压缩包“%s”是分卷压缩包中的一卷，不能单独解开；请把文件压缩成一个不分卷的压缩包后上传", name)
	case errors.Is(err, extract.ErrArchiveEncrypted):
		e = catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”设置了密码，连其中的文件名都已加密，无法打开；请去掉密码重新压缩后上传", name)
	case errors.Is(err, extract.ErrArchiveEntries):
		e = catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”的目录过大（文件过多）；请分成几个压缩包上传，每个不超过 %d 个文件", name, maxArchiveFiles)
	case errors.Is(err, extract.ErrArchiveMemory):
		e = catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”解压所需的内存超过上限 %s，已停止处理；请用默认设置重新压缩，或解压后分几次上传其中的文件", name, FormatBytes(s.archiveSandbox().MemoryLimit()))
	case errors.Is(err, extract.ErrArchiveTime):
		lim = lim.WithDefaults()
		e = catalog.Errorf(catalog.ETOOLARGE, "压缩包“%s”解压太慢（%d 秒没有进展，或总共超过 %d 分钟），已停止处理；请解压后分几次上传其中的文件",
			name, int(lim.Stall.Seconds()), int(lim.Timeout.Minutes()))
	case errors.Is(err, extract.ErrArchiveDamaged):
		e = catalog.Errorf(catalog.EINVALID, "压缩包“%s”已损坏，无法打开；请重新压缩后上传", name)
	default:
		return nil
	}
	return &RefusedFile{Filename: name, Err: e}
}

// entryRefusal is the refusal of the entry e of a RAR or 7z archive whose
// reading failed with err, or nil when err is not the entry's (the
// child gone, the client gone): that ends the unpacking.
func entryRefusal(archive string, e entry, err error, lim extract.UnpackLimits) error {
	switch {
	case errors.Is(err, extract.ErrEntryEncrypted):
		return catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”已加密，无法读取；请解压后上传该文件", archive, e.name)
	case errors.Is(err, extract.ErrEntryMethod):
		return memberMethod(archive, e.name)
	case errors.Is(err, extract.ErrEntryDictionary):
		return catalog.Errorf(catalog.EUNSUPPORTED, "压缩包“%s”中的“%s”压缩时所用的字典超过 %s，服务器不解这样的文件；请用默认设置重新压缩后上传",
			archive, e.name, FormatBytes(lim.WithDefaults().Dictionary))
	case errors.Is(err, extract.ErrEntryDamaged):
		return memberDamaged(archive, e.name)
	}
	return nil
}

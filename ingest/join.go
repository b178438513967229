package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/ingest/photopdf"
)

// MaxJoinedPhotos is the most photos one joined document takes: a notice
// or a report photographed page by page, not an album.
const MaxJoinedPhotos = 100

// maxDecodedPhotoBytes bounds a photo that joining decodes (a PNG): it is
// held whole in the server's memory (16 million pixels of 8-bit RGBA); a
// phone's JPEG is copied, never decoded.
const maxDecodedPhotoBytes = 64 << 20

// joinPhotos makes one staged PDF of photos of a paper document's pages,
// a page per photo in the order sent (photopdf): what a department hands
// in when it photographed a three-page notice. A HEIC/HEIF or WebP photo
// is made a JPEG first (convertForJoin). The photos' own staging is left
// to the caller. A file that is not a photo, a photo that cannot be read
// or converted, or a PDF over the upload limit refuses the whole, naming
// the file, with the field "file".
func (s *Service) joinPhotos(ctx context.Context, files []*Staged) (*Staged, error) {
	if len(files) > MaxJoinedPhotos {
		return nil, catalog.FieldErrorf("file", catalog.EINVALID, "一份文件最多合并 %d 张照片，这次选了 %d 张；请分成几份上传", MaxJoinedPhotos, len(files))
	}
	for i, f := range files {
		if f.MIME != extract.MIMEJPEG && f.MIME != extract.MIMEPNG && !needsConversion(f.MIME) {
			return nil, catalog.FieldErrorf("file", catalog.EINVALID, "第 %d 个文件 %q 不是照片（JPEG、PNG、HEIC 或 WebP），不能合并为一份文件；请去掉它，或不勾选“合并为一份文件”", i+1, f.Filename)
		}
	}
	photos := make([]photopdf.Photo, len(files))
	for i, f := range files {
		if needsConversion(f.MIME) {
			jpg, err := s.convertForJoin(ctx, i, f)
			if err != nil {
				return nil, err
			}
			defer jpg.Remove()
			f = jpg
		}
		photos[i] = photopdf.Photo{Name: files[i].Filename, Open: f.open}
	}
	pr, pw := io.Pipe()
	written := make(chan error, 1)
	go func() {
		err := photopdf.Write(pw, photos, photopdf.Options{MaxPixels: extract.MaxImagePixels, MaxDecodedBytes: maxDecodedPhotoBytes})
		pw.CloseWithError(err)
		written <- err
	}()
	st, err := s.Stage(pr, joinedName(files[0].Filename))
	// Staging may stop early (over the limit): the writer then fails on
	// its next write and ends.
	pr.CloseWithError(errors.New("joined PDF no longer read"))
	werr := <-written
	var pe *photopdf.PhotoError
	switch {
	case err != nil && catalog.ErrorCode(err) == catalog.ETOOLARGE:
		return nil, catalog.FieldErrorf("file", catalog.ETOOLARGE, "%d 张照片合并后超过单个文件 %s 的上限；请分成几份上传，或压缩照片后再合并", len(files), FormatBytes(s.cfg.MaxUpload))
	case errors.As(werr, &pe):
		st.Remove()
		return nil, photoRefused(pe)
	case err != nil:
		return nil, fmt.Errorf("stage the PDF joined from %d photos: %w", len(files), err)
	case werr != nil:
		st.Remove()
		return nil, fmt.Errorf("join %d photos: %w", len(files), werr)
	}
	return st, nil
}

// JoinRefused is the refusal of a join one of whose files was refused
// when it arrived (empty, of a kind the archive cannot read): the others
// are not joined without it, which would store a document missing a page.
func JoinRefused(filename string, err error) error {
	return catalog.FieldErrorf("file", catalog.EINVALID, "文件 %q 无法使用（%s），照片没有合并，也没有保存；请去掉或换掉它后重新上传", filename, catalog.MessageWords(err))
}

// joinedName is the joined PDF's name: the first photo's, as a PDF.
func joinedName(first string) string {
	return strings.TrimSuffix(first, path.Ext(first)) + ".pdf"
}

// photoRefused says which photo could not become a page, and what to do.
func photoRefused(pe *photopdf.PhotoError) error {
	n := pe.Index + 1
	switch {
	case errors.Is(pe, photopdf.ErrNotPhoto):
		return catalog.FieldErrorf("file", catalog.EINVALID, "第 %d 个文件 %q 不是照片（JPEG、PNG、HEIC 或 WebP），不能合并为一份文件；请去掉它，或不勾选“合并为一份文件”", n, pe.Name)
	case errors.Is(pe, photopdf.ErrTooManyPixels):
		return catalog.FieldErrorf("file", catalog.ETOOLARGE, "第 %d 张照片 %q 像素过高（%d×%d 像素），不能合并；请在手机相机中改用默认的照片尺寸重新拍摄，或压缩后上传", n, pe.Name, pe.Width, pe.Height)
	case errors.Is(pe, photopdf.ErrCorrupt):
		return catalog.FieldErrorf("file", catalog.EINVALID, "第 %d 张照片 %q 已损坏，无法读取；请重新拍摄或重新导出后上传", n, pe.Name)
	}
	return fmt.Errorf("join photo %d (%s): %w", n, pe.Name, pe.Err)
}

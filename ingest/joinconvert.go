package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"os"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/ingest/photopdf"
	"github.com/lcmonitor/evidence/internal/exif"
	"golang.org/x/image/webp"
)

// A phone's HEIC/HEIF or WebP photo becomes a JPEG before it is joined
// (photopdf takes JPEG and PNG): a HEIF through heif-convert, in its own
// process bounded in memory, output and time (extract.HEIFToJPEG), its
// pixels turned upright; a WebP decoded here within the bounds a PNG
// has, its EXIF orientation kept on the JPEG. The JPEG waits in a
// temporary file, so a hundred photos are never held in memory at once.

// convertedJPEGQuality is the quality of a converted photo: past what
// OCR can tell from the original.
const convertedJPEGQuality = 92

// joinConvertTimeout bounds one photo's conversion: an OCR page's time.
func (s *Service) joinConvertTimeout() time.Duration {
	if s.cfg.Limits.OCRPageTimeout > 0 {
		return s.cfg.Limits.OCRPageTimeout
	}
	return extract.DefaultOCRPageTimeout
}

// needsConversion reports a photo joined only once made a JPEG.
func needsConversion(mime string) bool {
	return mime == extract.MIMEHEIC || mime == extract.MIMEAVIF || mime == extract.MIMEWEBP
}

// convertForJoin returns f, the i-th file of a join, as a staged JPEG in
// a temporary file the caller removes. Its refusals say which photo and
// why, as photoRefused does.
func (s *Service) convertForJoin(ctx context.Context, i int, f *Staged) (*Staged, error) {
	var data []byte
	var err error
	if f.MIME == extract.MIMEWEBP {
		data, err = webpToJPEG(f, extract.MaxImagePixels, maxDecodedPhotoBytes)
	} else {
		data, err = s.heifToJPEG(ctx, f)
	}
	if err != nil {
		return nil, s.conversionRefused(i, f.Filename, err)
	}
	st, err := Stage(bytes.NewReader(data), f.Filename+".jpg", s.cfg.TempDir, int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("stage photo %d (%s) as JPEG: %w", i+1, f.Filename, err)
	}
	return st, nil
}

// heifToJPEG converts a staged HEIF photo with heif-convert, which reads
// a file: one held in memory is written to a temporary file first.
func (s *Service) heifToJPEG(ctx context.Context, f *Staged) ([]byte, error) {
	path := f.Path
	if path == "" {
		if err := os.MkdirAll(s.cfg.TempDir, 0o755); err != nil {
			return nil, fmt.Errorf("write HEIF photo for conversion: %w", err)
		}
		tmp, err := os.CreateTemp(s.cfg.TempDir, "join-*.heic")
		if err != nil {
			return nil, fmt.Errorf("write HEIF photo for conversion: %w", err)
		}
		defer os.Remove(tmp.Name())
		_, err = tmp.Write(f.data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("write HEIF photo for conversion: %w", err)
		}
		path = tmp.Name()
	}
	return extract.HEIFToJPEG(ctx, path, s.joinConvertTimeout(), maxDecodedPhotoBytes)
}

// conversionRefused is the refusal of a photo that could not be made a
// JPEG, naming it and saying what to do.
func (s *Service) conversionRefused(i int, name string, err error) error {
	var pe *photopdf.PhotoError
	switch {
	case errors.As(err, &pe):
		pe.Index, pe.Name = i, name
		return photoRefused(pe)
	case errors.Is(err, extract.ErrConvertTimeout):
		return catalog.FieldErrorf("file", catalog.EINVALID, "第 %d 张照片 %q 转换为 JPEG 超时（超过 %d 秒），不能合并；请在手机上把它转为 JPEG 后重新上传", i+1, name, int(s.joinConvertTimeout()/time.Second))
	case catalog.ErrorCode(err) == catalog.EUNSUPPORTED:
		return catalog.FieldErrorf("file", catalog.EUNSUPPORTED, "第 %d 张照片 %q 是 HEIC/HEIF 格式，本服务器无法转换（%s），不能合并；请联系管理员，或先在手机上转为 JPEG（苹果手机：设置—相机—格式—兼容性最佳）后再合并", i+1, name, catalog.MessageWords(err))
	case catalog.ErrorCode(err) == catalog.ETOOLARGE:
		return catalog.FieldErrorf("file", catalog.ETOOLARGE, "第 %d 张照片 %q 转为 JPEG 后超过 %s，不能合并；请压缩后上传", i+1, name, FormatBytes(maxDecodedPhotoBytes))
	case catalog.ErrorCode(err) == catalog.EINVALID:
		return photoRefused(&photopdf.PhotoError{Index: i, Name: name, Err: photopdf.ErrCorrupt})
	}
	return fmt.Errorf("convert photo %d (%s) to JPEG: %w", i+1, name, err)
}

// webpToJPEG decodes a staged WebP and encodes it as a JPEG, laid on
// white where it is transparent. Its size is read first: more pixels
// than maxPixels, or more memory decoded than maxBytes, is refused
// (photopdf.ErrTooManyPixels) before its pixels are allocated.
func webpToJPEG(f *Staged, maxPixels, maxBytes int64) ([]byte, error) {
	rc, err := f.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// The whole file: its EXIF chunk, which holds the orientation, comes
	// after the pixels.
	data, err := io.ReadAll(io.LimitReader(rc, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read WebP: %w", err)
	}
	cfg, err := webp.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, &photopdf.PhotoError{Err: photopdf.ErrCorrupt}
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	// Opaque lossy pixels decode to YCbCr 4:2:0; any other kind to four
	// bytes a pixel, then a white RGBA canvas of as many.
	perPixel := int64(8)
	if cfg.ColorModel == color.YCbCrModel {
		perPixel = 2
	}
	if pixels > maxPixels || pixels*perPixel > maxBytes || int64(len(data)) > maxBytes {
		return nil, &photopdf.PhotoError{Width: cfg.Width, Height: cfg.Height, Err: photopdf.ErrTooManyPixels}
	}
	img, err := webp.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, &photopdf.PhotoError{Err: photopdf.ErrCorrupt}
	}
	if _, opaque := img.(*image.YCbCr); !opaque {
		canvas := image.NewRGBA(img.Bounds())
		draw.Draw(canvas, canvas.Bounds(), image.White, image.Point{}, draw.Src)
		draw.Draw(canvas, canvas.Bounds(), img, img.Bounds().Min, draw.Over)
		img = canvas
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, img, &jpeg.Options{Quality: convertedJPEGQuality}); err != nil {
		return nil, fmt.Errorf("encode WebP as JPEG: %w", err)
	}
	if o := exif.Orientation(data); o != 1 {
		return exif.WithOrientation(out.Bytes(), uint16(o), "II"), nil
	}
	return out.Bytes(), nil
}

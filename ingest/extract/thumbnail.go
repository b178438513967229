package extract

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/image/draw"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/exif"
)

// maxThumbnailPixels bounds the image a thumbnail is drawn from in the
// server's own process: an A4 page scanned at 600 dpi is 35 million
// pixels; anything larger gets no thumbnail rather than a gigabyte of
// memory.
const maxThumbnailPixels = 40_000_000

// maxThumbnailOutput bounds pdftoppm's output for one small page (a
// 200×200 PPM is 120 kB; a page with an absurd aspect ratio is still far
// under this).
const maxThumbnailOutput = 8 << 20

// CanThumbnail reports whether Thumbnail can draw pages of files of this
// MIME type on this machine: JPEG, PNG, TIFF and WebP always, PDF when
// pdftoppm (poppler-utils) is installed, HEIC/AVIF photos when
// heif-convert (libheif-examples) is. Pages use it to leave out a thumbnail that
// could not be drawn, rather than show a broken image.
func CanThumbnail(mime string) bool {
	switch mime {
	case MIMEJPEG, MIMEPNG, MIMETIFF, MIMEWEBP:
		return true
	case MIMEPDF:
		return lookProgram("pdftoppm") != ""
	case MIMEHEIC, MIMEAVIF:
		return lookProgram("heif-convert") != ""
	}
	return false
}

// Thumbnail draws page (1-based; a TIFF's frame) of the file at path, of
// the given MIME type, as a PNG whose long side is longSide pixels (never
// enlarged beyond the page's own size for images). A PDF page is rendered
// by pdftoppm in its own process group, killed after timeout. A type
// CanThumbnail refuses, or a PDF without pdftoppm, is EUNSUPPORTED; a page
// past the end or one that cannot be drawn is ENOTFOUND.
//
// Thumbnail runs in the calling process: the server draws through
// Sandbox.Thumbnail, which calls it in a child with a memory limit.
func Thumbnail(ctx context.Context, path, mime string, page, longSide int, timeout time.Duration) ([]byte, error) {
	if err := thumbnailPrecheck(mime, page, longSide); err != nil {
		return nil, err
	}
	var img image.Image
	var err error
	switch mime {
	case MIMEPDF:
		img, err = pdfThumbnail(ctx, path, page, longSide, timeout)
	case MIMEJPEG, MIMEPNG, MIMETIFF, MIMEWEBP, MIMEHEIC, MIMEAVIF:
		img, err = imageThumbnail(ctx, path, page, longSide, timeout)
	default:
		return nil, catalog.Errorf(catalog.EUNSUPPORTED, "这类文件（%s）没有页面缩略图", mime)
	}
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, img); err != nil {
		return nil, fmt.Errorf("encode thumbnail: %w", err)
	}
	return out.Bytes(), nil
}

// thumbnailPrecheck refuses, before any file is read, what Thumbnail
// cannot draw: a page or size below one, a type without pages, a PDF
// without pdftoppm.
func thumbnailPrecheck(mime string, page, longSide int) error {
	if page < 1 || longSide < 1 {
		return catalog.Errorf(catalog.EINVALID, "页码和尺寸必须是正整数")
	}
	switch mime {
	case MIMEJPEG, MIMEPNG, MIMETIFF, MIMEWEBP:
		return nil
	case MIMEPDF:
		if lookProgram("pdftoppm") == "" {
			return errNoPdftoppm()
		}
		return nil
	case MIMEHEIC, MIMEAVIF:
		if lookProgram("heif-convert") == "" {
			return catalog.Errorf(catalog.EUNSUPPORTED, "本系统未安装 heif-convert（Debian 软件包 libheif-examples），HEIC/HEIF 照片没有页面缩略图")
		}
		return nil
	}
	return catalog.Errorf(catalog.EUNSUPPORTED, "这类文件（%s）没有页面缩略图", mime)
}

func errNoPdftoppm() error {
	return catalog.Errorf(catalog.EUNSUPPORTED, "本系统未安装 pdftoppm（Debian 软件包 poppler-utils），PDF 没有页面缩略图")
}

// errThumbnailLate is a page not drawn within limit: EUNAVAILABLE, as
// the same page may draw when the server is less busy.
func errThumbnailLate(page int, limit time.Duration) *catalog.Error {
	return catalog.Errorf(catalog.EUNAVAILABLE, "第 %d 页的缩略图在 %s 内没有画完", page, formatSeconds(limit))
}

// pdfThumbnail renders one page small with pdftoppm: -scale-to fixes the
// long side in pixels whatever the page's MediaBox says.
func pdfThumbnail(ctx context.Context, path string, page, longSide int, timeout time.Duration) (image.Image, error) {
	tool := lookProgram("pdftoppm")
	if tool == "" {
		return nil, errNoPdftoppm()
	}
	abs, err := filepath.Abs(path) // never let a name be read as an option
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	n := strconv.Itoa(page)
	cmd := newHelperCmd(pctx, tool, "-f", n, "-l", n, "-scale-to", strconv.Itoa(longSide), abs)
	stdout := &cappedBuffer{max: maxThumbnailOutput}
	cmd.Stdout, cmd.Stderr = stdout, &cappedBuffer{max: 4096, discard: true}
	cmd.ownGroup()
	// Bounded as every helper is, wherever it runs.
	if err = cmd.start(); err != nil {
		return nil, fmt.Errorf("pdftoppm thumbnail: %w", err)
	}
	err = cmd.wait()
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("pdftoppm thumbnail: %w", ctx.Err())
	case pctx.Err() != nil:
		return nil, errThumbnailLate(page, timeout)
	case stdout.overflow, err != nil, stdout.buf.Len() == 0:
		// pdftoppm writes nothing for a page past the end.
		return nil, noThumbnail(page)
	}
	img, err := decodePPM(stdout.buf.Bytes())
	if err != nil {
		return nil, noThumbnail(page)
	}
	return img, nil
}

// imageThumbnail decodes a JPEG, PNG, WebP or one TIFF frame, its size
// checked before its pixels are allocated, and scales it down; a HEIF
// photo is made a JPEG first (heifToJPEG).
func imageThumbnail(ctx context.Context, path string, page, longSide int, timeout time.Duration) (image.Image, error) {
	data, err := readCapped(path, maxImageFileBytes, func() error { return noThumbnail(page) })
	if err != nil {
		return nil, err
	}
	if isHEIF(data) {
		if page != 1 {
			return nil, noThumbnail(page)
		}
		// Within the sandbox's own deadline, which is timeout too.
		if data, err = heifToJPEG(ctx, path, timeout*3/4); err != nil {
			return nil, noThumbnail(page)
		}
	}
	if bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*")) {
		offsets, err := tiffFrames(data, maxTIFFFrames)
		if err != nil || page > len(offsets) {
			return nil, noThumbnail(page)
		}
		data = tiffFrame(data, offsets[page-1])
	} else if page != 1 {
		return nil, noThumbnail(page)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxThumbnailPixels {
		return nil, noThumbnail(page)
	}
	src, err := decodePageImage(data)
	if err != nil {
		return nil, noThumbnail(page)
	}
	// A phone photo stored sideways is shown upright, as browsers show it.
	return orientImage(scaleDown(src, longSide), exif.Orientation(data)), nil
}

// scaleDown returns img with its long side at most longSide pixels.
func scaleDown(img image.Image, longSide int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if max(w, h) <= longSide {
		return img
	}
	if w >= h {
		w, h = longSide, max(1, h*longSide/w)
	} else {
		w, h = max(1, w*longSide/h), longSide
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

func noThumbnail(page int) error {
	return catalog.Errorf(catalog.ENOTFOUND, "第 %d 页没有可显示的缩略图", page)
}

package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/exif"
)

// An iPhone takes photos as HEIC (HEIF with HEVC), some Android phones as
// AVIF; no Go library decodes them, so heif-convert (libheif) turns the
// photo's primary image into a JPEG, upright as its rotation boxes say,
// which is then read like any photo. The original is kept as it came.

const pkgHeif = "libheif-examples"

func init() {
	registerReader("heif-convert", "苹果手机 HEIC/HEIF 照片", pkgHeif, func(ctx context.Context) (bool, catalog.Words) {
		path := lookProgram("heif-convert")
		if path == "" {
			return false, notInPath("heif-convert")
		}
		return true, detail("已安装：%s", "%s", path)
	})
}

// heifJPEGQuality is the JPEG quality of the converted photo: past what
// OCR can tell from the original.
const heifJPEGQuality = "92"

// heifToJPEG converts the HEIF photo at path into a JPEG's bytes with
// heif-convert, in its own process group killed after timeout (and with
// the process that started it), its memory and output bounded, its EXIF
// orientation set upright, as heif-convert turned the pixels already. Without heif-convert the document fails
// with a reason naming the package to install.
func heifToJPEG(ctx context.Context, path string, timeout time.Duration) ([]byte, error) {
	return HEIFToJPEG(ctx, path, timeout, maxImageFileBytes)
}

// ErrConvertTimeout is in the error of a conversion killed at its
// deadline (errors.Is), beside the message a user reads.
var ErrConvertTimeout = errors.New("photo conversion timed out")

// HEIFToJPEG is heifToJPEG for a JPEG of at most maxBytes (ETOOLARGE past
// it): joining photos into a PDF (package ingest) converts an iPhone's
// photo this way, in the same bounds of memory, output and time. A
// conversion killed at timeout wraps ErrConvertTimeout; a missing
// heif-convert is EUNSUPPORTED naming its package; a file heif-convert
// cannot read is EINVALID.
func HEIFToJPEG(ctx context.Context, path string, timeout time.Duration, maxBytes int64) ([]byte, error) {
	tool := lookProgram("heif-convert")
	if tool == "" {
		return nil, errReaderMissing(catalog.Words{Chinese: "苹果手机 HEIC/HEIF 照片的转换程序 heif-convert",
			English: "heif-convert, which converts HEIC/HEIF phone photos"}, pkgHeif)
	}
	abs, err := filepath.Abs(path) // never let a name be read as an option
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "evidence-heif-")
	if err != nil {
		return nil, fmt.Errorf("heif-convert: %w", err)
	}
	defer os.RemoveAll(dir)
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	out := filepath.Join(dir, "photo.jpg")
	cmd := newHelperCmd(cctx, tool, "--quiet", "-q", heifJPEGQuality, abs, out)
	stderr := &cappedBuffer{max: 4096, discard: true}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	cmd.ownGroup()
	// Bounded like every helper, and in the files it may write too (a
	// photo claiming a huge size fails rather than fill the disk).
	cmd.limitFiles(maxImageFileBytes)
	if err := cmd.start(); err != nil {
		return nil, fmt.Errorf("heif-convert: %w", err)
	}
	err = cmd.wait()
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("heif-convert: %w", ctx.Err())
	case cctx.Err() != nil || overCPU(err):
		// libheif decodes with several threads: its CPU limit, a backstop
		// for its deadline, is the same reason as the deadline.
		return nil, fmt.Errorf("heif-convert killed after %s: %v: %w: %w", timeout, err, ErrConvertTimeout, errOCRTimeout(timeout))
	case cmd.outOfMemory(stderr, err):
		return nil, errHelperTooComplex("heif-convert", err)
	case err != nil:
		return nil, fmt.Errorf("heif-convert: %v: %s: %w", err, strings.TrimSpace(stderr.buf.String()), errImageCorrupt())
	}
	// A file of several images (a burst) is written as photo-1.jpg,
	// photo-2.jpg…, in the order of its items: the first is read, which is
	// the primary one in what phones write (not in every file).
	written, _ := filepath.Glob(filepath.Join(dir, "*.jpg"))
	if len(written) == 0 {
		return nil, fmt.Errorf("heif-convert wrote no image: %w", errImageCorrupt())
	}
	slices.Sort(written)
	if slices.Contains(written, out) {
		written[0] = out
	}
	data, err := readCapped(written[0], maxBytes, errImageTooLarge)
	if err != nil {
		return nil, err
	}
	// Its pixels are upright already: an iPhone's EXIF tag, kept, would
	// turn them again.
	return exif.Upright(data), nil
}

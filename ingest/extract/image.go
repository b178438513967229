package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

func init() { registerExtractor(FormatImage, extractImage) }

// maxImageFileBytes bounds the image file read into memory.
const maxImageFileBytes = 256 << 20

// extractImage reads a JPEG, PNG or WebP as one page, a HEIC/HEIF phone
// photo as one page once heif-convert has made it a JPEG (heifToJPEG), and
// a TIFF as one page per frame, every page by OCR (ocrImage) up to
// lim.MaxOCRPages, the frames after them left out (tiffResult).
// Result.Extractor is "ocr".
func extractImage(ctx context.Context, path string, lim Limits) (*Result, error) {
	data, err := readCapped(path, maxImageFileBytes, errImageTooLarge)
	if err != nil {
		return nil, err
	}
	var frames [][]byte
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")), bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")), isWebP(data):
		frames = [][]byte{data}
	case isHEIF(data):
		jpeg, err := heifToJPEG(ctx, path, lim.OCRPageTimeout)
		if err != nil {
			return nil, err
		}
		frames = [][]byte{jpeg}
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		offsets, err := tiffFrames(data, maxTIFFFrames)
		if err != nil {
			return nil, err
		}
		// OCR reads the first lim.MaxOCRPages frames, as it reads the
		// first pages of a long scanned PDF (capOCRPages); the frames
		// after them are pages left out of OCR.
		read, skipped := capOCRPages(pageIndexes(len(offsets)), lim.MaxOCRPages)
		// One frame's copy at a time: a 200 MB TIFF of 500 frames must not
		// become 500 copies.
		frame := func(i int) ([]byte, error) { return tiffFrame(data, offsets[read[i]]), nil }
		pages, err := ocrPages(ctx, len(read), lim, frame)
		return tiffResult(pages, err, len(skipped), lim.MaxOCRPages)
	default:
		return nil, fmt.Errorf("not a JPEG, PNG, WebP, HEIF or TIFF: %w", errImageCorrupt())
	}
	pages, err := ocrPages(ctx, len(frames), lim, func(i int) ([]byte, error) { return frames[i], nil })
	return imageResult(pages, err)
}

func errImageTooLarge() error {
	return catalog.Errorf(catalog.ETOOLARGE, "图片文件超过 %s 上限；请降低分辨率或拆分后上传", formatBytes(maxImageFileBytes))
}

func imageResult(pages *ocrDoc, err error) (*Result, error) {
	if err != nil {
		return nil, err
	}
	if pages.blank() {
		return nil, errBlankScan()
	}
	res := &Result{Extractor: "ocr", Pages: pages.text, PageSources: make([]string, len(pages.text))}
	for i := range res.PageSources {
		res.PageSources[i] = ocrSource(pages.text[i], pages.conf[i])
	}
	res.OCRConfidence = pages.meanConfidence()
	res.SealPages = pages.sealPages(nil)
	return res, nil
}

// tiffResult is imageResult for the frames of a TIFF that OCR read,
// followed by the skipped frames after them: empty pages marked
// SourceOCRSkipped (a TIFF has no text layer to keep). When the frames
// read are all blank and some were left out, nothing says the file is a
// blank scan: it fails as needing too many pages read, as a long PDF does.
func tiffResult(pages *ocrDoc, err error, skipped, maxOCR int) (*Result, error) {
	if err != nil || skipped == 0 {
		return imageResult(pages, err)
	}
	if pages.blank() {
		return nil, errTooManyOCRPages(len(pages.text)+skipped, maxOCR)
	}
	res, err := imageResult(pages, nil)
	if err != nil {
		return nil, err
	}
	read := len(res.Pages)
	res.Pages = append(res.Pages, make([]string, skipped)...)
	res.PageSources = append(res.PageSources, make([]string, skipped)...)
	markPages(res, pageIndexesFrom(read, read+skipped), SourceOCRSkipped)
	return res, nil
}

// pageIndexes is 0, 1, …, n-1.
func pageIndexes(n int) []int { return pageIndexesFrom(0, n) }

// pageIndexesFrom is from, from+1, …, to-1.
func pageIndexesFrom(from, to int) []int {
	indexes := make([]int, 0, max(to-from, 0))
	for i := from; i < to; i++ {
		indexes = append(indexes, i)
	}
	return indexes
}

// maxTIFFFrames stops the walk of an IFD chain that is corrupt or hostile:
// OCR reads only the first Limits.MaxOCRPages frames, but every frame is
// a page of the document.
const maxTIFFFrames = 100_000

// tiffFrames walks a TIFF's chain of image file directories and returns
// the offset of each (one per frame). golang.org/x/image/tiff decodes only
// the first IFD; tiffFrame makes any frame the first. It refuses loops,
// offsets outside the file, BigTIFF and more than maxFrames frames
// (ETOOLARGE: a chain of tiny directories costs little to send and makes
// a document of that many pages).
func tiffFrames(data []byte, maxFrames int) ([]uint32, error) {
	if len(data) < 8 {
		return nil, errImageCorrupt()
	}
	var order binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		order = binary.BigEndian
	}
	if order.Uint16(data[2:4]) != 42 {
		return nil, fmt.Errorf("BigTIFF or unknown TIFF version: %w", errImageCorrupt())
	}
	var offsets []uint32
	seen := map[uint32]bool{}
	for off := order.Uint32(data[4:8]); off != 0; {
		if seen[off] || off < 8 || int64(off)+2 > int64(len(data)) {
			return nil, fmt.Errorf("TIFF directory at %d: %w", off, errImageCorrupt())
		}
		seen[off] = true
		offsets = append(offsets, off)
		if len(offsets) > maxFrames || len(offsets) > maxTIFFFrames {
			return nil, errTooManyFrames(maxFrames)
		}
		n := int64(order.Uint16(data[off:]))
		next := int64(off) + 2 + 12*n
		if next+4 > int64(len(data)) {
			return nil, fmt.Errorf("TIFF directory at %d runs past the end: %w", off, errImageCorrupt())
		}
		off = order.Uint32(data[next:])
	}
	if len(offsets) == 0 {
		return nil, fmt.Errorf("TIFF without frames: %w", errImageCorrupt())
	}
	return offsets, nil
}

// tiffFrame returns a copy of the TIFF whose header points at the frame's
// directory, so that a decoder that reads the first frame reads this one.
// Every offset in a TIFF is absolute, so nothing else has to move.
func tiffFrame(data []byte, ifd uint32) []byte {
	out := bytes.Clone(data[:8])
	var order binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		order = binary.BigEndian
	}
	order.PutUint32(out[4:8], ifd)
	return append(out, data[8:]...)
}

func errTooManyFrames(max int) error {
	return catalog.Errorf(catalog.ETOOLARGE, "TIFF 文件的页数（帧数）超过 %d 页上限，可能是异常文件；请拆分后分别上传", max)
}

func errBlankScan() error {
	return catalog.Errorf(catalog.EINVALID, "扫描件的每一页都是空白，没有可识别的文字；请检查扫描时是否放反或漏放了纸张，重新扫描后上传")
}

package extract

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// renderLongSide is the long side, in pixels, of a PDF page rendered for
// OCR: an A4 page at 300 dpi. pdftoppm's -scale-to fixes the pixel size
// rather than the resolution, so a page with a huge MediaBox cannot become
// a decompression bomb. 300 dpi against 200 dpi, measured on the 200 dpi
// stamped scan with psm 6 (Han accuracy page 1 / sealed page 2, seconds a
// page on a shared 2-core machine): 200 dpi 1.000 / 0.857, 1.7 s; 300 dpi
// 0.988 / 0.914, 3.5 s. The sealed page, the one that matters, reads
// better at 300 dpi: the seal's white halo cuts fewer strokes when they
// are thicker in pixels.
var renderLongSide = 3508

// minTextLayerChars is the fewest visible characters the text layer of a
// page that draws an image must have to be trusted without looking at the
// page: a scanned page often carries only a stamped page number or a
// scanner's footer as text, and a page whose body was converted to
// outlines (文字转曲, many filled paths) only its page number. A page
// without an image or such paths has nothing OCR could read that its
// layer lacks: a chapter's heading page of a report made by
// LibreOffice or Word ("第 44 章 区县统计") is trusted, where 397 such pages
// of one 799-page report were rendered and OCR'd for over an hour.
const minTextLayerChars = 30

// maxRenderOutput bounds pdftoppm's output for one page (a 3508×2480 PPM is
// 26 MB).
const maxRenderOutput = 64 << 20

// weakTextLayer reports a page whose text layer cannot be trusted: none,
// too few characters on a page that draws an image or text as outlines
// (images: pageText.drawsForOCR; true when that is not known), or garbage (isGarbled), whose glyphs OCR reads as
// they look. Such a page is rendered and OCR'd. An empty page without an
// image is OCR'd too: its words may be drawn as outlines.
func weakTextLayer(text string, images bool) bool {
	visible := visibleChars(text)
	return visible == 0 || images && visible < minTextLayerChars || isGarbled(text)
}

// ocrWeakPages is the third step of reading a PDF: every page whose text
// layer is weak is rendered with pdftoppm and read by OCR. The OCR text
// replaces the layer's when it has more visible characters and is not
// garbage itself (a page drawn with the wrong glyphs is read as it looks),
// and the page's source becomes SourceOCR; seals are reported either way.
//
// Without pdftoppm or tesseract the text pages are kept as they are, and
// only a PDF with no usable text at all fails, with errReaderMissing naming
// the packages to install. A PDF whose every page is empty after OCR fails
// with errPDFGarbled when garbage was all that a reader found (garbled
// says the text readers found some), else with errBlankScan.
//
// OCR reads at most lim.MaxOCRPages pages of a PDF (capOCRPages says
// which): a weak page past the cap keeps its text layer and is marked
// SourceOCRSkipped, so that a long scan with page numbers as its text is
// searchable in the pages read rather than refused as a whole; only when
// the pages read are all blank does it fail, as needing too many pages
// read (errTooManyOCRPages).
//
// A page whose text layer read as scrambled (scrambledLayers, by page
// index) is empty here; when OCR reads the rendered page as scrambled too,
// the page shows what its layer said (a list of names, say, rather than a
// wrong map), and the layer's text is taken back.
//
// lib is what the library read of the file: by page index, whether the
// page draws an image (images; a short layer is trusted on a page that
// draws none) and whether it is a picture under an invisible text layer
// (invisible), and whether photopdf made the file (photos).
//
// A page that is a picture under an invisible text layer (invisible; see
// pdfsandwich.go) is OCR'd as well when that layer is not
// trusted, and the OCR text replaces the layer only when it holds clearly
// more Chinese words (ocrReadsMoreWords).
//
// A PDF made of photos by photopdf (photos) has each page rendered at its
// photo's own size (at most renderLongSide), so that it reads as the photo
// uploaded alone: scaled up to 300 dpi, a 150 dpi phone photo of a red
// masthead read 杭州 as 柄州.
func ocrWeakPages(ctx context.Context, path string, res *Result, lim Limits, garbled bool, scrambledLayers map[int]string, lib pdfText) (*Result, error) {
	invisible, photos := lib.invisible, lib.photos
	abs, err := filepath.Abs(path) // never let a name be read as an option
	if err != nil {
		return nil, err
	}
	images := pageImages(ctx, abs, res.Pages, lib, lim)
	var weak []int
	doubted := map[int]bool{} // untrusted invisible layers that are not weak
	unsure := map[int]bool{}  // short text, not known whether the page draws an image
	for i, p := range res.Pages {
		switch {
		case weakTextLayer(p, images[i] != drawsNone):
			weak = append(weak, i)
			unsure[i] = images[i] == drawsUnknown && visibleChars(p) > 0
		case i < len(invisible) && invisible[i] && !trustedInvisibleLayer(p):
			weak = append(weak, i)
			doubted[i] = true
		}
	}
	if len(weak) > lim.MaxOCRPages {
		// More pages than OCR may read: the short layers of pages not
		// known to draw an image are kept as they are, rather than the
		// file refused for pages that have text.
		weak = slices.DeleteFunc(weak, func(i int) bool { return unsure[i] })
	}
	weak, skipped := capOCRPages(weak, lim.MaxOCRPages)
	if len(weak) == 0 {
		return res, nil
	}
	allWeak := len(weak)+len(skipped) == len(res.Pages)
	missing := errReaderMissingForPDF(ctx)
	if missing != nil {
		if allWeak && allEmpty(res.Pages) {
			return nil, missing
		}
		return res, nil
	}
	tool := lookProgram("pdftoppm")
	doc, err := ocrPages(ctx, len(weak), lim, func(i int) ([]byte, error) {
		side := renderLongSide
		if photos {
			side = photoLongSide(ctx, abs, weak[i]+1, lim)
		}
		return renderPage(ctx, tool, abs, weak[i]+1, side, lim)
	})
	if err != nil {
		return nil, err
	}
	if res.PageSources == nil {
		res.PageSources = make([]string, len(res.Pages))
		for i := range res.PageSources {
			res.PageSources[i] = SourceText
		}
	}
	markPages(res, skipped, SourceOCRSkipped)
	used := &ocrDoc{}
	strict := garbled
	for i, page := range weak {
		if doc.skipped[i] {
			continue
		}
		// Tesseract puts spaces between Chinese characters, which
		// Normalize takes out; the runs of Han characters are judged
		// without them, as the layer's are.
		if layer, ok := scrambledLayers[page]; ok && scrambled(Normalize(doc.text[i])) {
			res.Pages[page], res.PageSources[page] = layer, SourceText
			continue
		}
		if ocrGarbled(doc.text[i], doc.conf[i], strict) {
			garbled = true
			continue
		}
		layer, ocr := visibleChars(Normalize(res.Pages[page])), visibleChars(Normalize(doc.text[i]))
		if doubted[page] && ocrReadsMoreWords(res.Pages[page], doc.text[i]) || !doubted[page] && (ocr > layer || layer == 0) {
			res.Pages[page] = doc.text[i]
			res.PageSources[page] = ocrSource(doc.text[i], doc.conf[i])
			used.text = append(used.text, doc.text[i])
			used.conf = append(used.conf, doc.conf[i])
		}
	}
	res.SealPages = doc.sealPages(pageNumbers(weak))
	res.OCRConfidence = used.meanConfidence()
	if allEmpty(res.Pages) {
		if len(skipped) > 0 {
			// The pages read were blank and the rest were not read:
			// nothing says the file is a blank scan.
			return nil, errTooManyOCRPages(len(weak)+len(skipped), lim.MaxOCRPages)
		}
		if lib.timedOut() || lib.treeBad {
			// The library did not say whether the pages draw images:
			// poppler does.
			lib.listedImages = listsImages(ctx, abs, lim)
		}
		return nil, nothingReadReason(lib, doc.anySkipped(), garbled)
	}
	return res, nil
}

// nothingReadReason is why a PDF in which no reader found text failed:
// damaged when a page could not be drawn or its cross-reference sections
// loop, malformed content when the library failed on every page, garbled
// when OCR read only garbage, with nothing to read when the library read
// it and no page draws an image, else a blank scan.
//
// A library that ran out of its time has told nothing about the file: a
// loaded machine makes a scan's one image per page overrun as surely as
// crafted content does. Its pages were OCR'd all the same; when poppler
// lists an image in the file (listedImages) it is a blank scan, else only
// another reading can tell, and the reason says so.
func nothingReadReason(lib pdfText, skipped, garbled bool) error {
	switch {
	case skipped:
		return errPDFCorrupt()
	case lib.looped:
		// Its structure, not a scan, is at fault: a rescan would not help.
		return errPDFLooped()
	case lib.contentUnreadable():
		// A scan's pages draw one image each, which the library reads:
		// pages it failed on, every one, are crafted or broken content,
		// and a rescan of paper that never existed would not help.
		return errPDFContentUnreadable()
	case garbled:
		return errPDFGarbled()
	case lib.timedOut() && !lib.listedImages:
		return errPDFReadTimedOut()
	case lib.treeBad && !lib.listedImages:
		// A page tree that contains itself was never paper: a rescan
		// would not help.
		return errPDFPageTreeLooped()
	case lib.drawsNoImages():
		// Not a scan: asking for a rescan would mislead.
		return errNoTextOrImages()
	}
	return errBlankScan()
}

// contentUnreadable reports whether the library failed on the content of
// every page it read, with an error or a panic. Running out of its time is
// not such a failure (timedOut).
func (t pdfText) contentUnreadable() bool {
	return t.err == nil && len(t.failed) > 0 && !slices.Contains(t.failed, false)
}

// errPDFContentUnreadable is a PDF whose page content no reader could get
// through and in which OCR saw nothing: its structure is at fault.
func errPDFContentUnreadable() error {
	return catalog.Errorf(catalog.EINVALID, "PDF 页面内容结构异常或过于复杂，未能读出文字；这不是扫描件的问题，请用原软件重新导出 PDF（或在 PDF 阅读器中“打印为 PDF”）后上传")
}

// errPDFReadTimedOut is a PDF whose content the library did not get
// through in its time, in which OCR saw nothing and poppler lists no
// image: a busy server or crafted content, which a retry tells apart
// (CauseOf: the server's).
func errPDFReadTimedOut() error {
	return catalog.Errorf(catalog.EINVALID, "读取 PDF 页面内容超时，未能判断是空白扫描件还是结构异常的文件（服务器繁忙时也会如此）；请稍后重试，仍失败时请用原软件重新导出 PDF 后上传")
}

// drawsNoImages reports whether the library read the file and found no
// page that draws an image (or text as outlines). A file it could not
// read is not known to be without them: a scan it cannot parse that OCR
// reads as blank keeps the blank-scan advice.
func (t pdfText) drawsNoImages() bool {
	return t.err == nil && !slices.Contains(t.images, true)
}

// errPDFPageTreeLooped is a PDF whose page tree the library refused
// (checkPageTree), in which no reader found text and poppler lists no
// image: its structure is at fault, not a scan.
func errPDFPageTreeLooped() error {
	return catalog.Errorf(catalog.EINVALID, "PDF 文件的结构已损坏（页面树循环指向自身），没有读到任何文字；这不是空白扫描件的问题。请用 PDF 阅读器打开后“另存为”或“打印为 PDF”，或从原软件重新导出，再上传")
}

// errNoTextOrImages is a PDF in which no reader found text and no page
// draws an image: not a blank scan, but a file with nothing to read.
func errNoTextOrImages() error {
	return catalog.Errorf(catalog.EINVALID, "PDF 文件中没有可读取的文字或图像；请用 PDF 阅读器打开检查，确认内容后重新导出或上传原文件")
}

// garbledOCRMinConfidence is the least mean confidence of the OCR text of
// a page in a PDF whose text readers gave garbage. Tesseract reads the
// real pages of the fixtures at 0.88–0.93; the pages of soup.pdf, drawn
// with boxes for glyphs it has not, at 0.27.
const garbledOCRMinConfidence = 0.5

// ocrGarbled reports OCR text that is not the page's words. In a PDF whose
// text readers gave garbage (strict), a page is drawn with the same broken
// font, so its OCR text must be clean (garbledOCRPercent) and read with
// confidence. Elsewhere (a scan) it is the best text there is, noise and
// all: a short photo's few words with a stray sign or two would score as
// garbage, and dropping them would lose words that are on the page.
func ocrGarbled(text string, conf float64, strict bool) bool {
	if !strict {
		return false
	}
	if strings.TrimSpace(text) != "" && conf < garbledOCRMinConfidence {
		return true
	}
	return garbledAt(text, garbledOCRPercent)
}

func pageNumbers(indexes []int) []int {
	n := make([]int, len(indexes))
	for i, p := range indexes {
		n[i] = p + 1
	}
	return n
}

func visibleChars(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// errReaderMissingForPDF checks the programs OCR of a PDF needs.
func errReaderMissingForPDF(ctx context.Context) error {
	if lookProgram("pdftoppm") == "" {
		return errReaderMissing(catalog.Words{Chinese: "扫描版 PDF 的页面渲染程序 pdftoppm", English: "pdftoppm, which renders the pages of scanned PDFs"}, pkgPoppler+"、"+pkgTesseract)
	}
	_, err := findTesseract(ctx)
	return err
}

// renderPage renders a PDF page for OCR: renderPDFPage; tests that count
// the pages read of a long scan replace it.
var renderPage = renderPDFPage

// renderPDFPage renders one page (1-based) as a PPM with pdftoppm, under
// the page's time limit, its process group killed at the limit. A page
// pdftoppm fails on (a corrupt file the text readers partly recovered)
// returns nil: it is skipped, not fatal.
func renderPDFPage(ctx context.Context, tool, path string, page, longSide int, lim Limits) ([]byte, error) {
	pctx, cancel := context.WithTimeout(ctx, lim.OCRPageTimeout)
	defer cancel()
	n := strconv.Itoa(page)
	cmd := newHelperCmd(pctx, tool, "-f", n, "-l", n, "-scale-to", strconv.Itoa(longSide), path)
	stdout := &cappedBuffer{max: maxRenderOutput}
	stderr := &cappedBuffer{max: 4096, discard: true}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.ownGroup()
	err := cmd.run()
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("pdftoppm: %w", ctx.Err())
	case pctx.Err() != nil:
		return nil, fmt.Errorf("pdftoppm killed after %s: %w", lim.OCRPageTimeout, errOCRTimeout(lim.OCRPageTimeout))
	case stdout.overflow:
		return nil, fmt.Errorf("pdftoppm output over %d bytes: %w", maxRenderOutput, errPDFCorrupt())
	case cmd.outOfMemory(stderr, err):
		return nil, errHelperTooComplex("pdftoppm", err)
	case err != nil:
		// A page poppler cannot draw keeps whatever its text layer had.
		return nil, nil
	}
	return stdout.buf.Bytes(), nil
}

// photoLongSide is the long side of the largest picture on a page, at
// most renderLongSide, as pdfimages lists it; renderLongSide when it
// cannot tell.
func photoLongSide(ctx context.Context, path string, page int, lim Limits) int {
	n := strconv.Itoa(page)
	list, ok := listImages(ctx, path, lim, "-f", n, "-l", n)
	if !ok {
		return renderLongSide
	}
	if side := largestListedImage(list); side > 0 {
		return min(side, renderLongSide)
	}
	return renderLongSide
}

// listsImages reports whether pdfimages lists an image anywhere in the
// file; false when it lists none or cannot tell.
func listsImages(ctx context.Context, path string, lim Limits) bool {
	list, ok := listImages(ctx, path, lim)
	return ok && largestListedImage(list) > 0
}

// listImages runs `pdfimages -list` with args (a page range) under the
// page's time limit: its output, and false when it is not installed or
// fails. A list over 64 KB (a scan of some 600 pages and more) is its
// complete lines up to there: what it lists is there, and a blank scan of
// many pages is still known for one.
func listImages(ctx context.Context, path string, lim Limits, args ...string) (string, bool) {
	list, _, ok := listImagesCut(ctx, path, lim, args...)
	return list, ok
}

// listImagesCut is listImages, and whether the list is complete (false
// when it was cut at 64 KB).
func listImagesCut(ctx context.Context, path string, lim Limits, args ...string) (list string, complete, ok bool) {
	tool := lookProgram("pdfimages")
	if tool == "" {
		return "", false, false
	}
	pctx, cancel := context.WithTimeout(ctx, lim.OCRPageTimeout)
	defer cancel()
	cmd := newHelperCmd(pctx, tool, append(append([]string{"-list"}, args...), path)...)
	stdout := &cappedBuffer{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = stdout, &cappedBuffer{max: 4096, discard: true}
	cmd.ownGroup()
	err := cmd.run()
	if stdout.overflow {
		list := stdout.buf.String()
		return list[:strings.LastIndexByte(list, '\n')+1], false, true
	}
	if err != nil {
		return "", false, false
	}
	return stdout.buf.String(), true, true
}

// largestListedImage reads `pdfimages -list`: the long side of its largest
// image, 0 when it lists none.
func largestListedImage(list string) int {
	best, bestArea := 0, 0
	for _, line := range strings.Split(list, "\n") {
		f := strings.Fields(line)
		// page num type width height …
		if len(f) < 5 || f[2] != "image" {
			continue
		}
		w, err1 := strconv.Atoi(f[3])
		h, err2 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil || w <= 0 || h <= 0 {
			continue
		}
		if w*h > bestArea {
			best, bestArea = max(w, h), w*h
		}
	}
	return best
}

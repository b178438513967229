package extract

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// ofdOCR collects what OCR of image-only pages gave.
type ofdOCR struct {
	confidences []float64 // of the OCR'd pages with text: a blank page's 0 is no confidence
	read        int       // pages OCR'd, blank ones included
	failed      error     // the first OCR error
	needed      int       // pages that needed OCR, those left out included
	skipped     []int     // indexes of the pages left out by Limits.MaxOCRPages
}

// page OCRs the largest image of page i. OCR reads the first
// lim.MaxOCRPages pages that need it, as it reads the first pages of a
// long scanned PDF (capOCRPages); the pages after them are left empty and
// marked SourceOCRSkipped (markSkipped). Each page read moves the
// extraction's deadline out by lim.OCRPageTimeout, as ocrPages does for
// the pages it is told of beforehand: the cap bounds that too.
func (c *ofdOCR) page(o *ofdFile, res *Result, i int, images []ofdImage, pageMedia, docMedia map[string]string) error {
	if o.lim.DeferOCR {
		return ErrNeedsOCR
	}
	c.needed++
	if c.needed > o.lim.MaxOCRPages {
		c.skipped = append(c.skipped, i)
		return nil
	}
	img := slices.MaxFunc(images, func(a, b ofdImage) int { return cmp.Compare(a.area, b.area) })
	loc, ok := pageMedia[img.resource]
	if !ok {
		loc, ok = docMedia[img.resource]
	}
	var f *zip.File
	if ok {
		f = o.member(loc)
	}
	if f == nil {
		c.fail(catalog.Errorf(catalog.EINVALID, "OFD 页面图片缺失"))
		return nil
	}
	data, err := o.z.readAll(f, min(o.lim.MaxUnzipped, maxOFDImageBytes))
	if err != nil {
		return err
	}
	if !isOCRImage(data) {
		c.fail(catalog.Errorf(catalog.EUNSUPPORTED, "OFD 页面图片的格式（%s）无法识别文字", path.Ext(f.Name)))
		return nil
	}
	extendDeadline(o.ctx, o.lim.OCRPageTimeout)
	page, err := ocrImage(o.ctx, data, o.lim)
	if err != nil {
		if o.ctx.Err() != nil {
			return o.ctx.Err()
		}
		c.fail(err)
		return nil
	}
	res.Pages[i] = page.Text
	if res.PageSources == nil {
		res.PageSources = make([]string, 0, len(res.Pages))
	}
	for len(res.PageSources) < len(res.Pages) {
		res.PageSources = append(res.PageSources, SourceText)
	}
	res.PageSources[i] = ocrSource(page.Text, page.Confidence)
	c.read++
	if Normalize(page.Text) != "" {
		c.confidences = append(c.confidences, page.Confidence)
	}
	if page.Seal {
		res.SealPages = append(res.SealPages, i+1)
	}
	return nil
}

func (c *ofdOCR) fail(err error) {
	if c.failed == nil {
		c.failed = err
	}
}

// finish sets the confidence and page sources, and fails the file when
// every page needed OCR and none got it.
func (c *ofdOCR) finish(res *Result) error {
	if res.PageSources != nil {
		for len(res.PageSources) < len(res.Pages) {
			res.PageSources = append(res.PageSources, SourceText)
		}
	}
	if n := len(c.confidences); n > 0 {
		var sum float64
		for _, v := range c.confidences {
			sum += v
		}
		mean := sum / float64(n)
		res.OCRConfidence = &mean
	}
	slices.Sort(res.SealPages)
	res.SealPages = slices.Compact(res.SealPages)
	if c.failed == nil || c.read > 0 || c.needed < len(res.Pages) || c.needed == 0 {
		return nil
	}
	return c.failure(false)
}

// leftOut reports whether page i, the last page given to page, was left
// out of OCR: a page whose layer was garbage and that OCR left out is
// marked as left out, not unreadable, as in a PDF.
func (c *ofdOCR) leftOut(i int) bool {
	return len(c.skipped) > 0 && c.skipped[len(c.skipped)-1] == i
}

// markSkipped marks the pages left out of OCR. When every page is empty
// and some were left out, nothing says the file is a blank scan: it fails
// as needing too many pages read (errTooManyOCRPages), as a long PDF
// does, unless OCR read no page at all for a reason of its own (failure,
// besideGarbage as there).
func (c *ofdOCR) markSkipped(res *Result, maxOCR int, besideGarbage bool) error {
	if len(c.skipped) == 0 {
		return nil
	}
	if allEmpty(res.Pages) {
		if c.read == 0 && c.failed != nil {
			return c.failure(besideGarbage)
		}
		return errTooManyOCRPages(c.needed, maxOCR)
	}
	markPages(res, c.skipped, SourceOCRSkipped)
	return nil
}

// failure is the error of a file whose scanned pages OCR could not read;
// besideGarbage says its text layer, where it had one, was garbage
// (isGarbled), so the file is not "only scanned images".
func (c *ofdOCR) failure(besideGarbage bool) error {
	code := catalog.ErrorCode(c.failed)
	if code == catalog.EINTERNAL || code == catalog.EUNAVAILABLE {
		code = catalog.EUNSUPPORTED
	}
	why := catalog.MessageWords(c.failed)
	if besideGarbage {
		return fmt.Errorf("ocr: %v: %w", c.failed, catalog.Errorf(code,
			"OFD 文件中的文字是乱码，其余是扫描图片，需要文字识别（OCR）才能读取，但识别失败：%s；请安装文字识别组件后重试，或从原软件重新导出后上传", why))
	}
	return fmt.Errorf("ocr: %v: %w", c.failed, catalog.Errorf(code,
		"OFD 文件只含扫描图片，需要文字识别（OCR）才能读取，但识别失败：%s；请安装文字识别组件后重试，或上传含文字的版本", why))
}

// isOCRImage reports PNG, JPEG and TIFF, the images ocrImage reads.
func isOCRImage(data []byte) bool {
	for _, sig := range []string{"\x89PNG\r\n\x1a\n", "\xff\xd8\xff", "II*\x00", "MM\x00*"} {
		if bytes.HasPrefix(data, []byte(sig)) {
			return true
		}
	}
	return false
}

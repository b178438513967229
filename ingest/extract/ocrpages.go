package extract

import (
	"context"
	"fmt"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// ocrDoc is what OCR read from the pages of one document.
type ocrDoc struct {
	text    []string
	conf    []float64 // per page; meaningful where text is not empty
	seal    []bool
	skipped []bool // the page had no image to read
}

// ocrPages OCRs n pages one after the other; image(i) returns the image of
// the i-th (0-based), or nil to skip that page. Before the first page it refuses more than
// lim.MaxOCRPages pages, moves the extraction's deadline out by
// n × lim.OCRPageTimeout and reports (0, n) to lim.Progress; after each page
// it reports (done, n).
//
// Pages run one at a time on purpose: tesseract keeps one core busy per
// page, the machine is shared, and concurrency across documents is the
// pipeline's (EVIDENCE_OCR_WORKERS).
func ocrPages(ctx context.Context, n int, lim Limits, image func(i int) ([]byte, error)) (*ocrDoc, error) {
	if lim.DeferOCR {
		return nil, ErrNeedsOCR
	}
	if n > lim.MaxOCRPages {
		return nil, errTooManyOCRPages(n, lim.MaxOCRPages)
	}
	extendDeadline(ctx, time.Duration(n)*lim.OCRPageTimeout)
	progress := func(done int) {
		if lim.Progress != nil {
			lim.Progress(done, n)
		}
	}
	progress(0)
	doc := &ocrDoc{text: make([]string, n), conf: make([]float64, n), seal: make([]bool, n), skipped: make([]bool, n)}
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := image(i)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		if data == nil {
			doc.skipped[i] = true
			progress(i + 1)
			continue
		}
		page, err := ocrImage(ctx, data, lim)
		if err != nil {
			return nil, fmt.Errorf("ocr page %d: %w", i+1, err)
		}
		doc.text[i], doc.conf[i], doc.seal[i] = page.Text, page.Confidence, page.Seal
		progress(i + 1)
	}
	return doc, nil
}

func (d *ocrDoc) anySkipped() bool {
	for _, s := range d.skipped {
		if s {
			return true
		}
	}
	return false
}

// blank reports that no page had any text.
func (d *ocrDoc) blank() bool {
	for _, t := range d.text {
		if Normalize(t) != "" {
			return false
		}
	}
	return true
}

// meanConfidence averages over the pages with text; nil if there are none.
func (d *ocrDoc) meanConfidence() *float64 {
	sum, n := 0.0, 0
	for i, t := range d.text {
		if Normalize(t) != "" {
			sum += d.conf[i]
			n++
		}
	}
	if n == 0 {
		return nil
	}
	mean := sum / float64(n)
	return &mean
}

// sealPages returns the 1-based numbers of the pages with a seal; pageOf
// maps the i-th OCR'd page to its page number in the document (nil: i+1).
func (d *ocrDoc) sealPages(pageOf []int) []int {
	var pages []int
	for i, s := range d.seal {
		if !s {
			continue
		}
		if pageOf != nil {
			pages = append(pages, pageOf[i])
		} else {
			pages = append(pages, i+1)
		}
	}
	return pages
}

func errTooManyOCRPages(n, max int) error {
	return catalog.Errorf(catalog.ETOOLARGE, "需要文字识别（OCR）的页数为 %d 页，超过每个文件 %d 页的上限；请拆分后分别上传", n, max)
}

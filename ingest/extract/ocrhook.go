package extract

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// PageOCR is what OCR read from one page image.
type PageOCR struct {
	Text       string  // raw recognised text (normalised later with the rest of the page)
	Confidence float64 // mean word confidence, 0–1
	Seal       bool    // a red official seal (公章) was found on the image
}

// ocrImage reads one page image (PNG, JPEG or a single TIFF frame, as bytes)
// by OCR, removing a red seal first so the text under it can be read, and
// reports whether a seal was there. The OCR reader (ocr.go) replaces this
// default, which says OCR is not built in.
var ocrImage = func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
	return PageOCR{}, catalog.Errorf(catalog.EUNAVAILABLE, "本系统未启用文字识别(OCR)")
}

package extract

// PageOCR is what OCR read from one page image.
type PageOCR struct {
	Text       string  // raw recognised text (normalised later with the rest of the page)
	Confidence float64 // mean word confidence, 0–1; 0 when no text was found (leave such pages out of a mean)
	Seal       bool    // a red official seal (公章) was found on the image
}

// ocrImage reads one page image (PNG, JPEG or a single TIFF frame, as bytes)
// by OCR, removing a red seal first so the text under it can be read, and
// reports whether a seal was there. It is ocrPage (ocr.go); tests replace
// it. A page without ink is not an error: it gives empty text.
//
// Errors: ETOOLARGE for an image over MaxImagePixels (checked before
// decoding), EINVALID for an undecodable image or a page over
// lim.OCRPageTimeout, EUNSUPPORTED (errReaderMissing, naming the Debian
// packages) when tesseract or its chi_sim or eng model is missing, and the
// context's error when ctx ends.
var ocrImage = ocrPage

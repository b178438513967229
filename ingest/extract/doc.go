// Package extract turns the bytes of an uploaded file into normalised text,
// page by page.
//
// Sniff decides a file's format from its first bytes (content wins over the
// name) and rejects what cannot be read. Extract reads a stored file as one
// of the formats (PDF, DOCX, TXT, HTML) under a time limit, a text-size
// limit and, for zip-based formats, a decompressed-size limit; it never
// panics and reports problems as *catalog.Error values with Chinese messages
// a coordinator can act on. Normalize is the canonical text form that the
// index takes its offsets on.
//
// One file per format: pdf.go (ledongthuc/pdf with a per-page fallback to
// poppler's pdftotext in pdftotext.go), docx.go, txt.go (encoding detection:
// UTF-8, UTF-16 with BOM, GB18030), html.go. extract.go holds the dispatch,
// the recover and timeout guard and the limits.
//
// OCR (ocr.go, seal.go, image.go, pdfocr.go): JPEG, PNG and TIFF files
// (FormatImage, every TIFF frame a page) and PDF pages whose text layer is
// weak are read by tesseract (chi_sim+eng) run as a child process, one page
// at a time under Limits.OCRPageTimeout, after a round red seal (公章) is
// found and its ink whitened. PDF pages are rendered with pdftoppm. Missing
// programs fail with EUNSUPPORTED naming the Debian packages; Readers lists
// what this installation has. Result.PageSources, OCRConfidence and
// SealPages say which pages were OCR'd, how well, and which bear a seal;
// Limits.Progress reports pages done.
//
// Pages: a PDF page is a page; a DOCX page ends at an explicit or last
// rendered page break, so DOCX page numbers are approximate; a TXT file is
// split at form feeds; an HTML file is one page.
package extract

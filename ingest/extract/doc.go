// Package extract turns the bytes of an uploaded file into normalised text,
// page by page.
//
// Sniff decides a file's format from its first bytes (content wins over the
// name) and rejects what cannot be read. Extract reads a stored file as one
// of the formats under a time limit, a text-size limit and, for zip-based
// formats, a decompressed-size limit; it never panics and reports problems
// as *catalog.Error values with Chinese messages a coordinator can act on.
// Normalize is the canonical text form that the index takes its offsets on.
//
// One file per format, each registering itself with registerExtractor:
// pdf.go (ledongthuc/pdf with a per-page fallback to poppler's pdftotext in
// pdftotext.go; pdftounicode.go reads a simple font, such as the Type 3
// fonts of a web page printed to PDF, through its ToUnicode map; pdftable.go lays a page holding a table out by its glyph
// positions so that the cells of a row stay apart; garbled.go and garbledclass.go tell the text a damaged PDF
// gives, which is not text, from real text, so that it is never indexed), docx.go, txt.go (encoding detection: UTF-8, UTF-16 with
// BOM, GB18030), html.go, ofd.go with ofdpage.go, ofdseal.go and ofdocr.go
// (a reader of GB/T 33190 of our own), ole.go (Word 97–2003, WPS and Excel
// 97–2003 files, routed by their OLE streams to msdoc.go, which runs
// catdoc, and xls.go, which uses xlsReader and reads formula results in
// xlsformula.go), odt.go, rtf.go with rtfwords.go (a reader of our own),
// xlsx.go (excelize), csv.go and pptx.go. sniff.go and snifftext.go decide
// formats. table.go lays out spreadsheet rows, zipsafe.go bounds
// the zip formats, readers.go lists the optional programs (Readers) and
// runs them. extract.go holds the dispatch, the recover and timeout guard
// and the limits. cause.go tells from a failure's stored reason whether
// the file itself is at fault or reading it again may succeed (CauseOf).
//
// OCR (ocr.go, seal.go, image.go, pdfocr.go): JPEG, PNG and TIFF files
// (FormatImage, every TIFF frame a page) and PDF pages whose text layer is
// weak (none, garbage, or short on a page that draws an image or text as
// outlines, itself or in its forms: pdfpaint.go) are read by tesseract (chi_sim+eng; a Chinese page with a line read as Latin letters alone again with chi_sim) run as a child process, one page
// at a time under Limits.OCRPageTimeout, after a round red seal (公章) is
// found and its ink whitened; a page stored or scanned sideways is turned
// upright first (orient.go: the EXIF tag, then tesseract's OSD for a page
// read with low confidence), a page lit unevenly (a phone photo) has its
// paper made evenly white (light.go), and a page tilted by a few degrees
// is levelled (deskew.go). A page that is a picture under an invisible text
// layer (a scanner app's own OCR, pdfsandwich.go) is OCR'd too unless that
// layer reads as real text. A page OCR read with a mean confidence under
// catalog.LowOCRConfidence keeps its text but is marked SourceOCRLow. PDF pages are rendered with pdftoppm. OCR
// reads at most Limits.MaxOCRPages pages of a file, the first ones
// (pdfocrcap.go): the weak pages of a PDF after them keep their text
// layer, a TIFF's frames and an OFD's image-only pages after them stay
// empty, and all are marked SourceOCRSkipped rather than the file
// refused. Missing
// programs fail with EUNSUPPORTED naming the Debian packages; Readers lists
// what this installation has. Result.PageSources, OCRConfidence and
// SealPages say which pages were OCR'd, how well, and which bear a seal;
// Limits.Progress reports pages done.
//
// Pages: a PDF or OFD page is a page, a sheet is a page, a slide is a page;
// a DOCX or ODT page ends at an explicit or last rendered page break, and
// an RTF page at \page or \pagebb, so their page numbers are approximate;
// DOC files are one page (catdoc writes no page breaks for them), TXT files
// are split at form feeds, HTML and CSV files are one page. Paragraphs and
// table rows end with an empty line, which Normalize keeps; cells are
// separated by " | ".
package extract

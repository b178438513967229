package web

import (
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// ocrSkippedPages says which pages of a long scan OCR left out, past the
// pages it reads of one file (catalog.SourceOCRSkipped), as runs
// (第 501–812 页), the cap (ocrCap) and how many pages' text came from OCR
// (ocrReadPages), each named for what it is: the count alone read as the
// cap when it was lower. Search finds only the left-out pages' text
// layer, a page number or nothing, and the reader is told so rather than
// left to think the pictures were read, and how long a part split off
// would be read in full; a TIFF's frames and an OFD's image pages have
// no text layer (pictureOnly), and the words promise none. "" when OCR
// read every page it should have.
func ocrSkippedPages(l Lang, d *catalog.Document) string {
	runs := skippedRuns(l, d.Reading.OCRSkippedPages())
	if runs == "" {
		return ""
	}
	key := "doc.ocr_skipped"
	if pictureOnly(d.MIME) {
		key = "doc.ocr_skipped.nolayer"
	}
	read := ocrReadPages(d.Reading)
	return trf(l, key, runs, ocrCap(read), read)
}

// pictureOnly tells whether a file of this MIME type leaves the pages OCR
// left out empty: a TIFF frame or an OFD image page has no text layer to
// keep (ingest/extract tiffResult, ofdOCR.markSkipped), where a PDF's
// page keeps its own (a page number, or nothing).
func pictureOnly(mime string) bool {
	return mime == extract.MIMETIFF || mime == extract.MIMEOFD
}

// ocrCap is the cap of pages OCR reads of one file that a reading whose
// OCR gave read pages their text used. The reading does not record it;
// production leaves it at its default (cmd/evidence sets no
// extract.Limits.MaxOCRPages), and a reading that read more pages than
// that had a cap of at least as many.
func ocrCap(read int) int {
	return max(extract.DefaultMaxOCRPages, read)
}

// ocrReadPages is how many pages of r have their text from OCR
// (catalog.SourceOCR or catalog.SourceOCRLow). It can be fewer than the
// cap even with pages left out: a page OCR read that kept its text layer
// (OCR read no more of it) and a page OCR failed on are not counted.
func ocrReadPages(r catalog.Reading) int {
	n := 0
	for i := range r.PageSources {
		if s := r.PageSource(i); s == catalog.SourceOCR || s == catalog.SourceOCRLow {
			n++
		}
	}
	return n
}

// skippedRuns writes pages left out of OCR as the runs the document
// page and the status line name them by (3、501–812), at most
// maxSkippedRuns of them; "" for none.
func skippedRuns(l Lang, pages []int) string {
	if len(pages) == 0 {
		return ""
	}
	runs := pageRuns(pages)
	if len(runs) > maxSkippedRuns {
		runs = append(runs[:maxSkippedRuns], "…")
	}
	return strings.Join(runs, tr(l, "list.sep"))
}

// maxSkippedRuns is how many runs of pages ocrSkippedPages names: pages
// left out of a mixed PDF (scanned pages between born-digital ones) may
// be scattered, and the line should stay a line.
const maxSkippedRuns = 12

// pageRuns writes ascending page numbers as runs: [3 501 502 503] is
// 3, 501–503.
func pageRuns(pages []int) []string {
	var runs []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		run := strconv.Itoa(pages[i])
		if j > i {
			run += "–" + strconv.Itoa(pages[j])
		}
		runs = append(runs, run)
		i = j + 1
	}
	return runs
}

package web

import (
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// ocrSkippedPages says which pages of a long scan OCR left out, past the
// pages it reads of one file (catalog.SourceOCRSkipped), as runs
// (第 501–812 页), and how many pages of it OCR did read (ocrReadPages):
// search finds only the left-out pages' text layer, a page number or
// nothing, and the reader is told so rather than left to think the
// pictures were read, and how long a part split off would be read in
// full. "" when OCR read every page it should have.
func ocrSkippedPages(l Lang, d *catalog.Document) string {
	runs := skippedRuns(l, d.Reading.OCRSkippedPages())
	if runs == "" {
		return ""
	}
	return trf(l, "doc.ocr_skipped", runs, ocrReadPages(d.Reading))
}

// ocrReadPages is how many pages of r OCR read (catalog.SourceOCR or
// catalog.SourceOCRLow). With pages left out, that is the cap the reading
// used (extract.Limits.MaxOCRPages, which the reading does not record):
// OCR reads the first pages that need it and leaves out the rest, so it
// read as many as the cap, all before the first page left out. It is
// fewer when a page OCR read kept its text layer (OCR read no more of
// it), which is why the line names the pages read, not the cap: the
// default cap named there (500) was wrong for a reading with another.
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

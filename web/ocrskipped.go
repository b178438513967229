package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// ocrSkippedPages says which pages of a long scan OCR left out, past the
// pages it reads of one file (catalog.SourceOCRSkipped), as runs
// (第 501–812 页): search finds only their text layer, a page number or
// nothing, and the reader is told so rather than left to think the
// pictures were read. "" when OCR read every page it should have.
func ocrSkippedPages(l Lang, d *catalog.Document) string {
	runs := skippedRuns(l, d.Reading.OCRSkippedPages())
	if runs == "" {
		return ""
	}
	return fmt.Sprintf(tr(l, "doc.ocr_skipped"), runs, extract.DefaultMaxOCRPages)
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

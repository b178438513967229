package web

import (
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// docStatus names d's status; a searchable document whose text is mostly
// wrong — OCR read a page with low confidence (a blurred photo: 19%), or
// a page is mojibake no reader could undo — says so and what to do, where
// 可检索 alone let a task be accepted on a file nobody can read. One with
// pages OCR left out past its cap (catalog.Reading.OCRSkippedPages) names
// them too: their pictures' words are not searched, and the document
// page alone said so.
func docStatus(l Lang, d *catalog.Document) string {
	if d.Status != catalog.StatusIndexed {
		return tr(l, "status."+string(d.Status))
	}
	skipped := d.Reading.OCRSkippedPages()
	var status string
	switch d.Reading.UnreliableSource() {
	case catalog.SourceOCRLow:
		conf := 0
		if c := d.Reading.OCRConfidence; c != nil {
			conf = int(*c*100 + 0.5)
		}
		status = fmt.Sprintf(tr(l, "status.indexed.ocrlow"), conf)
	case catalog.SourceGarbled:
		status = tr(l, "status.indexed.garbled")
	default:
		if len(skipped) > 0 {
			return trf(l, "status.indexed.ocrskipped", len(skipped), skippedRuns(l, skipped))
		}
		return tr(l, "status.indexed")
	}
	if len(skipped) > 0 {
		status += trf(l, "status.indexed.ocrskipped.also", len(skipped), skippedRuns(l, skipped))
	}
	return status
}

// readWarning says whether docStatus of d says more than 可检索: its text
// is unreliable or pages of it were left out of OCR. The board marks such
// a file beside its name, as 我的任务 does in its status line.
func readWarning(d *catalog.Document) bool {
	return d.Status == catalog.StatusIndexed && (d.Reading.Unreliable() || len(d.Reading.OCRSkippedPages()) > 0)
}

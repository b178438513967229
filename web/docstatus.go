package web

import (
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// docStatus names d's status; a searchable document whose text is mostly
// wrong — OCR read a page with low confidence (a blurred photo: 19%), or
// a page is mojibake no reader could undo — says so and what to do, where
// 可检索 alone let a task be accepted on a file nobody can read.
func docStatus(l Lang, d *catalog.Document) string {
	if d.Status != catalog.StatusIndexed {
		return tr(l, "status."+string(d.Status))
	}
	switch d.Reading.UnreliableSource() {
	case catalog.SourceOCRLow:
		conf := 0
		if c := d.Reading.OCRConfidence; c != nil {
			conf = int(*c*100 + 0.5)
		}
		return fmt.Sprintf(tr(l, "status.indexed.ocrlow"), conf)
	case catalog.SourceGarbled:
		return tr(l, "status.indexed.garbled")
	}
	return tr(l, "status.indexed")
}

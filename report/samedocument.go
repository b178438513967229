package report

import (
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// draftMarks are the words a 公文's draft carries in its title or file
// name and its final version drops: 征求意见稿 (for comment), 草案, 送审稿
// (for approval), 讨论稿, 修改稿, 草稿.
var draftMarks = []string{"征求意见", "草案", "送审稿", "讨论稿", "修改稿", "草稿"}

// sameDocument reports whether two near duplicates, one read by OCR, may
// be one document, a scan and its original: similarity forgives OCR's
// misreads and so also a draft's few changes, and what was read of the
// two must not tell them apart. Two 文号s tell them apart, as two dates
// of issue do, where both were read (a scan's seal or misreads may lose
// either, so one missing says nothing); a draft's mark on one side only
// does too. Titles are not compared: OCR misreads them (柄州市 for 杭州市)
// as often as it reads them.
func sameDocument(a, b *catalog.Document) bool {
	if a.DocNumber != "" && b.DocNumber != "" && a.DocNumber != b.DocNumber {
		return false
	}
	if a.IssuedOn != "" && b.IssuedOn != "" && a.IssuedOn != b.IssuedOn {
		return false
	}
	return draftMarked(a) == draftMarked(b)
}

// draftMarked reports whether a document's title or file name marks it a
// draft (draftMarks).
func draftMarked(d *catalog.Document) bool {
	for _, m := range draftMarks {
		if strings.Contains(d.Title, m) || strings.Contains(d.Filename, m) {
			return true
		}
	}
	return false
}

package web

import (
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
)

// maxBlankPagesSkipped is how many blank pages at its start a document
// opened without a page asked for skips (firstPageWithText).
const maxBlankPagesSkipped = 5

// firstPageWithText is the reading of rd's document on its first page
// with text, for a document opened without a page asked for: a blank
// first page (the empty page LibreOffice puts before a report, a blank
// sheet scanned first) would open it on nothing. rd, shown when its page
// has text, when every page looked at is blank, or when another page
// cannot be read, is closed when another is returned.
func (h *handler) firstPageWithText(r *http.Request, u *catalog.User, rd *documents.Reading) *documents.Reading {
	last := min(rd.Document.Pages, 1+maxBlankPagesSkipped)
	for n := 2; blankPage(rd.Page) && n <= last; n++ {
		next, err := h.Documents.Read(r.Context(), u, rd.Document.ID, documents.PageAt{Page: n}, 5)
		if err != nil {
			return rd
		}
		if next.Page == nil || next.Page.Number != n {
			next.Close()
			return rd
		}
		if !blankPage(next.Page) {
			rd.Close()
			return next
		}
		next.Close()
	}
	return rd
}

// blankPage says whether a page read has no text at all.
func blankPage(p *documents.PageText) bool {
	return p != nil && p.Parts <= 1 && strings.TrimSpace(p.Text) == ""
}

package web

import (
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/search"
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
		next := h.readPage(r, u, rd.Document.ID, n)
		if next == nil {
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

// pageWithQuery is the reading of rd's document on the page its search
// for the URL's q would link to (search.Service.QueryPage), for a
// document opened with q and no page asked for: a link pasted by a
// colleague or bookmarked opened on page 1 even when q is only on page 3.
// rd is returned as it is when there is no q, when q is on rd's page or
// on no page (on the title only), when q cannot be read, or when the page
// cannot be read; it is closed when another is returned. The cost is one
// search restricted to the document (see QueryPage), paid only when a
// document is opened so.
func (h *handler) pageWithQuery(r *http.Request, u *catalog.User, rd *documents.Reading) *documents.Reading {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" || rd.Page == nil {
		return rd
	}
	substring, _ := search.ParseMatch(r.URL.Query().Get("match"))
	n, err := h.Search.QueryPage(r.Context(), u, rd.Document.ID, q, substring)
	if err != nil && catalog.ErrorCode(err) != catalog.EINVALID {
		h.Logger.Warn("document page: the page of its query", "document", rd.Document.ID, "err", err)
	}
	if err != nil || n < 1 || n == rd.Page.Number {
		return rd
	}
	next := h.readPage(r, u, rd.Document.ID, n)
	if next == nil {
		return rd
	}
	rd.Close()
	return next
}

// readPage is the reading of page n of document id, nil when it cannot be
// read or the document has no page n (the caller keeps the page it has).
func (h *handler) readPage(r *http.Request, u *catalog.User, id string, n int) *documents.Reading {
	next, err := h.Documents.Read(r.Context(), u, id, documents.PageAt{Page: n}, 5)
	if err != nil {
		return nil
	}
	if next.Page == nil || next.Page.Number != n {
		next.Close()
		return nil
	}
	return next
}

// blankPage says whether a page read has no text at all.
func blankPage(p *documents.PageText) bool {
	return p != nil && p.Parts <= 1 && strings.TrimSpace(p.Text) == ""
}

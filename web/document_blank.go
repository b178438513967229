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
// document is opened so. A page shown in parts (a spreadsheet's sheet
// longer than documents.PartBytes) opens on the part holding the words
// matched (partWithMatch), not on its first.
func (h *handler) pageWithQuery(r *http.Request, u *catalog.User, rd *documents.Reading) *documents.Reading {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" || rd.Page == nil {
		return rd
	}
	substring, _ := search.ParseMatch(r.URL.Query().Get("match"))
	place, err := h.Search.QueryPlace(r.Context(), u, rd.Document.ID, q, substring)
	if err != nil && catalog.ErrorCode(err) != catalog.EINVALID {
		h.Logger.Warn("document page: the page of its query", "document", rd.Document.ID, "err", err)
	}
	n := place.Page
	if err != nil || n < 1 {
		return rd
	}
	if n != rd.Page.Number {
		next := h.readPage(r, u, rd.Document.ID, n)
		if next == nil {
			return rd
		}
		rd.Close()
		rd = next
	}
	if rd.Page.Parts <= 1 || place.Match == "" {
		return rd
	}
	k := h.partWithMatch(r, u, rd.Document.ID, n, place.Match)
	if k <= 1 || k == rd.Page.Part {
		return rd
	}
	next := h.readPart(r, u, rd.Document.ID, documents.PageAt{Page: n, Part: k})
	if next == nil {
		return rd
	}
	rd.Close()
	return next
}

// partWithMatch is the part of page n of document id that first holds
// match (documents.Service.Find, which reads the text as the page shows
// it, in parts), 0 when it cannot tell.
func (h *handler) partWithMatch(r *http.Request, u *catalog.User, id string, n int, match string) int {
	found, err := h.Documents.Find(r.Context(), u, id, match)
	if err != nil {
		h.Logger.Warn("document page: the part of its query", "document", id, "err", err)
		return 0
	}
	for _, p := range found.Pages {
		if p.Page == n {
			return p.Part
		}
	}
	return 0
}

// readPage is the reading of page n of document id, nil when it cannot be
// read or the document has no page n (the caller keeps the page it has).
func (h *handler) readPage(r *http.Request, u *catalog.User, id string, n int) *documents.Reading {
	return h.readPart(r, u, id, documents.PageAt{Page: n})
}

// readPart is the reading of document id at at (its part 1 when at.Part
// is 0), nil when it cannot be read or the document has no such page and
// part.
func (h *handler) readPart(r *http.Request, u *catalog.User, id string, at documents.PageAt) *documents.Reading {
	next, err := h.Documents.Read(r.Context(), u, id, at, 5)
	if err != nil {
		return nil
	}
	if next.Page == nil || next.Page.Number != at.Page || next.Page.Part != max(at.Part, 1) {
		next.Close()
		return nil
	}
	return next
}

// blankPage says whether a page read has no text at all.
func blankPage(p *documents.PageText) bool {
	return p != nil && p.Parts <= 1 && strings.TrimSpace(p.Text) == ""
}

package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// followedJSON is what follow.js shows of a document while it is read
// (documentFollow): its status, the line a reload of the page would show
// for it in the page's language (docLine, with the OCR's progress while
// it reads), and its title, which reading may have found.
type followedJSON struct {
	Status string `json:"status"`
	Line   string `json:"line"`
	Title  string `json:"title"`
}

// documentFollow answers follow.js's asking about a document being read
// (我的任务, the document page) with the words the server renders for it:
// the script kept its own copy of the status words and showed plain
// 可检索 for a file read unreliably or with pages left out of OCR until
// the page was reloaded; it now shows what docLine says, one rule for
// both. A document the person may not see is the error page (404), as
// the document's own page.
func (h *handler) documentFollow(w http.ResponseWriter, r *http.Request) {
	d, err := h.Documents.Get(r.Context(), sessionFrom(r).User, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l := langOf(r)
	line := docLine(l, d)
	if done, total, ok := h.Ingest.Progress(d.ID); ok && total > 0 && (d.Status == catalog.StatusStored || d.Status == catalog.StatusExtracted) {
		line += " · " + strings.NewReplacer("{done}", strconv.Itoa(done), "{total}", strconv.Itoa(total)).Replace(tr(l, "upload.ocr"))
	}
	body, err := json.Marshal(followedJSON{Status: string(d.Status), Line: line, Title: d.Title})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if _, err := w.Write(body); err != nil {
		h.Logger.Debug("document follow: write", "document", d.ID, "err", err)
	}
}

// docLine is d's status line as 我的任务 shows it (docStatus) and, for a
// failed document, why it failed: the words of the page and of its live
// update (documentFollow).
func docLine(l Lang, d *catalog.Document) string {
	line := docStatus(l, d)
	if d.Status != catalog.StatusFailed {
		return line
	}
	why := d.ErrorIn(l == English)
	if why == "" {
		why = tr(l, "doc.failed.unknown")
	}
	return line + colon(l) + why
}

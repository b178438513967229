package api

import (
	"net/http"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// handleDocumentThumbnail sends a small PNG of one page of a document, for
// the search results. The document's city scope applies as to its
// original; the bytes never change for a given ETag (the original's hash,
// page and size), so the browser keeps them, privately, for a day.
func (h *handler) handleDocumentThumbnail(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(r.PathValue("page"))
	if err != nil || page < 1 || page > maxIntParam {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "页码应为正整数，收到 %.20q", r.PathValue("page")))
		return
	}
	t, err := h.Documents.Thumbnail(r.Context(), userFrom(r.Context()), r.PathValue("id"), page)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "private, max-age=86400")
	w.Header().Set("ETag", t.ETag)
	if r.Header.Get("If-None-Match") == t.ETag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", strconv.Itoa(len(t.PNG)))
	w.WriteHeader(http.StatusOK)
	w.Write(t.PNG)
}

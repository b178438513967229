package api

import (
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/savedsearch"
	"github.com/lcmonitor/evidence/search"
)

// handleSavedSearchList lists the caller's own saved searches with their
// new matches: {"saved_searches":[…]}.
func (h *handler) handleSavedSearchList(w http.ResponseWriter, r *http.Request) {
	list, err := h.Saved.List(r.Context(), userFrom(r.Context()))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"saved_searches": list})
}

// handleSavedSearchCreate saves a search: {"name","query","filters":
// {"cities","doc_types","indicators","years","rounds","issued_from",
// "issued_to","sort","match","include_returned"},"indicator"}; with an indicator it joins
// that indicator's query pack.
func (h *handler) handleSavedSearchCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name      string                `json:"name"`
		Query     string                `json:"query"`
		Filters   catalog.SearchFilters `json:"filters"`
		Indicator string                `json:"indicator"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	e, err := h.Saved.Save(r.Context(), userFrom(r.Context()),
		savedsearch.Input{Name: in.Name, Query: in.Query, Filters: in.Filters, Indicator: in.Indicator})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"saved_search": e})
}

// handleSavedSearchView shows one saved search with its new matches,
// without marking it seen.
func (h *handler) handleSavedSearchView(w http.ResponseWriter, r *http.Request) {
	e, err := h.Saved.Get(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"saved_search": e})
}

// handleSavedSearchSeen marks a saved search seen by the caller now; the
// answer is the search as it was just before (its new matches).
func (h *handler) handleSavedSearchSeen(w http.ResponseWriter, r *http.Request) {
	e, err := h.Saved.Open(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"saved_search": e})
}

func (h *handler) handleSavedSearchDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.Saved.Delete(r.Context(), userFrom(r.Context()), r.PathValue("id")); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"deleted": r.PathValue("id")})
}

// handleQueryPack is an indicator's query pack (检索方案) for the caller:
// {"indicator","name","new","searches":[…]}.
func (h *handler) handleQueryPack(w http.ResponseWriter, r *http.Request) {
	p, err := h.Saved.Pack(r.Context(), userFrom(r.Context()), r.PathValue("code"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, p)
}

// handleSearchExport answers the search of /api/v1/search (the same
// parameters; from and size ignored) as an XLSX workbook of at most
// search.ExportLimit passage rows.
func (h *handler) handleSearchExport(w http.ResponseWriter, r *http.Request) {
	req, err := searchRequest(r, r.URL.Query())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	english := reportLang(r) == report.English
	data, err := h.Search.ExportXLSX(r.Context(), req, baseURL(r), english)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeXLSX(w, data, search.ExportFilename(time.Now(), english))
}

// writeXLSX sends a workbook as a download named filename.
func writeXLSX(w http.ResponseWriter, data []byte, filename string) {
	w.Header().Set("Content-Type", search.XLSXType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

// baseURL is the server's address as the client reached it, for links in
// exported files.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// linkJSON is a link as the API shows it.
type linkJSON struct {
	ID         string    `json:"id"`
	DocumentID string    `json:"document_id"`
	Indicator  string    `json:"indicator"`
	Page       int       `json:"page,omitempty"`
	Quote      string    `json:"quote,omitempty"`
	Note       string    `json:"note,omitempty"`
	CreatedBy  string    `json:"created_by"`
	CreatedAt  time.Time `json:"created_at"`
}

func toLinkJSON(l catalog.Link) linkJSON {
	return linkJSON{ID: l.ID, DocumentID: l.DocumentID, Indicator: l.IndicatorCode, Page: l.Page, Quote: l.Quote,
		Note: l.Note, CreatedBy: l.CreatedBy, CreatedAt: l.CreatedAt}
}

// readJSON decodes a request body of at most 1 MiB into v.
func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return catalog.Errorf(catalog.EINVALID, "请求内容不是有效的 JSON:%v", err)
	}
	return nil
}

func (h *handler) handleLinkCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		DocumentID string `json:"document_id"`
		Indicator  string `json:"indicator"`
		Page       int    `json:"page"`
		Quote      string `json:"quote"`
		Note       string `json:"note"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	if strings.TrimSpace(in.DocumentID) == "" || strings.TrimSpace(in.Indicator) == "" {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "document_id 和 indicator 都必须填写"))
		return
	}
	l := &catalog.Link{DocumentID: strings.TrimSpace(in.DocumentID), IndicatorCode: strings.TrimSpace(in.Indicator),
		Page: in.Page, Quote: strings.TrimSpace(in.Quote), Note: strings.TrimSpace(in.Note)}
	if err := h.Ingest.AddLink(r.Context(), userFrom(r.Context()), l); err != nil {
		h.writeError(w, r, err)
		return
	}
	out := map[string]any{"link": toLinkJSON(*l)}
	// As for a citation: saved either way, with whether its words are
	// on the page (quote_found) and where they are (found_on_page, 0 for
	// nowhere); left out when there is no quote or no text yet.
	if m, checked, err := h.Claims.QuoteOnPage(r.Context(), l.DocumentID, l.Page, l.Quote); err != nil {
		h.Logger.Warn("check link quote", "link", l.ID, "err", err)
	} else if checked {
		out["quote_found"], out["found_on_page"] = m.Found, m.FoundOnPage
	}
	h.writeJSON(w, r, http.StatusCreated, out)
}

func (h *handler) handleLinkDelete(w http.ResponseWriter, r *http.Request) {
	l, err := h.Ingest.RemoveLink(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"deleted": l.ID})
}

func (h *handler) handleDocumentSuggestions(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r.URL.Query().Get("limit"), 5, "limit")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	sugs, err := h.Documents.Suggestions(r.Context(), userFrom(r.Context()), r.PathValue("id"), limit)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"suggestions": sugs})
}

package api

import (
	"net/http"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/notes"
)

// noteJSON is a note as the API shows it.
type noteJSON struct {
	ID         string    `json:"id"`
	DocumentID string    `json:"document_id"`
	Title      string    `json:"title"`
	City       string    `json:"city"`
	Page       int       `json:"page"`
	Quote      string    `json:"quote"`
	Body       string    `json:"body"`
	Author     string    `json:"author"`
	CreatedAt  time.Time `json:"created_at"`
}

func toNoteJSON(n *catalog.Note) noteJSON {
	return noteJSON{ID: n.ID, DocumentID: n.DocumentID, Title: n.Title, City: n.City, Page: n.Page, Quote: n.Quote,
		Body: n.Body, Author: n.Author, CreatedAt: n.CreatedAt}
}

func toNotesJSON(ns []catalog.Note) []noteJSON {
	out := make([]noteJSON, len(ns))
	for i := range ns {
		out[i] = toNoteJSON(&ns[i])
	}
	return out
}

// handleNoteCreate adds a note to a document: {"body","page","quote"}.
func (h *handler) handleNoteCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Page  int    `json:"page"`
		Quote string `json:"quote"`
		Body  string `json:"body"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	n, err := h.Notes.Add(r.Context(), userFrom(r.Context()), r.PathValue("id"),
		notes.Input{Page: in.Page, Quote: in.Quote, Body: in.Body})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"note": toNoteJSON(n)})
}

// handleNoteList lists a document's notes, of one author with ?author=.
func (h *handler) handleNoteList(w http.ResponseWriter, r *http.Request) {
	ns, err := h.Notes.OnDocument(r.Context(), userFrom(r.Context()), r.PathValue("id"), r.URL.Query().Get("author"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"notes": toNotesJSON(ns)})
}

// handleNotesByAuthor lists one author's notes on the documents the
// caller may see: ?author= is required.
func (h *handler) handleNotesByAuthor(w http.ResponseWriter, r *http.Request) {
	page, size, err := pageParams(r.URL.Query(), 100)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	ns, total, err := h.Notes.ByAuthor(r.Context(), userFrom(r.Context()), r.URL.Query().Get("author"), (page-1)*size, size)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"notes": toNotesJSON(ns), "total": total, "page": page, "size": size})
}

package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/notes"
)

// noteFields are the note form's fields.
var noteFields = []string{"body", "page", "quote"}

// noteAdd writes an expert's note on a document, or on a passage of it
// (page and quote), and returns to the document's notes.
func (h *handler) noteAdd(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	page := 0
	if s := strings.TrimSpace(r.PostFormValue("page")); s != "" {
		var err error
		if page, err = strconv.Atoi(s); err != nil {
			page = -1 // the service names the bad page
		}
	}
	_, err := h.Notes.Add(r.Context(), sessionFrom(r).User, id,
		notes.Input{Page: page, Quote: r.PostFormValue("quote"), Body: r.PostFormValue("body")})
	if err != nil {
		if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ECONFLICT {
			h.fail(w, r, err)
			return
		}
		st := typed(r, noteFields...)
		st.setError(langOf(r), err, noteFields...)
		h.showDocumentForms(w, r, httperr.Prepare(w, r, h.Logger, err), docForms{Note: st})
		return
	}
	back(w, r, "/documents/"+id+"#notes", tr(langOf(r), "notes.saved"))
}

package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// documentRetry reads a failed document again (after a reader was
// installed or a limit raised); a document that has not failed shows its
// page again with the reason above the forms.
func (h *handler) documentRetry(w http.ResponseWriter, r *http.Request) {
	d, err := h.Ingest.Retry(r.Context(), sessionFrom(r).User, r.PathValue("id"))
	if err != nil {
		h.failedFormError(w, r, err)
		return
	}
	back(w, r, "/documents/"+d.ID, fmt.Sprintf(tr(langOf(r), "doc.retried"), d.Title))
}

// documentReplace puts a new original under a failed document: the same
// document (id, metadata, links), its new bytes read from the start. A
// file refused (the wrong type, too large, the same bytes) comes back
// beside the file field.
func (h *handler) documentReplace(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	if _, err := h.Documents.Get(r.Context(), u, r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		h.failedFormError(w, r, catalog.FieldErrorf("file", catalog.EINVALID, "请选择用来替换原件的文件"))
		return
	}
	st, err := stageFormFile(h.Ingest, r.MultipartForm.File["file"][0])
	if err != nil {
		h.logUnexpected("stage replacement", err)
		h.failedFormError(w, r, onField("file", err))
		return
	}
	defer st.Remove()
	d, err := h.Ingest.Replace(r.Context(), u, r.PathValue("id"), st)
	if err != nil {
		h.failedFormError(w, r, onField("file", err))
		return
	}
	back(w, r, "/documents/"+d.ID, fmt.Sprintf(tr(langOf(r), "doc.replaced"), d.Filename))
}

// failedFormError shows the document again with the retry or replace
// form's error; an error that is not about the form shows the error page.
func (h *handler) failedFormError(w http.ResponseWriter, r *http.Request, err error) {
	switch catalog.ErrorCode(err) {
	case catalog.EINVALID, catalog.ECONFLICT, catalog.EUNSUPPORTED, catalog.ETOOLARGE:
	default:
		h.fail(w, r, err)
		return
	}
	st := formState{}
	st.setError(langOf(r), err, "file")
	h.showDocumentForms(w, r, httperr.Prepare(w, r, h.Logger, err), docForms{Replace: st})
}

// onField names the form field an application error is about, when it
// names none.
func onField(field string, err error) error {
	if catalog.ErrorField(err) != "" || catalog.ErrorCode(err) == catalog.EINTERNAL {
		return err
	}
	var e *catalog.Error
	if !errors.As(err, &e) {
		return err
	}
	return e.OnField(field)
}

package web

import (
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// fillDocTypes gives each row of rows its hand-in form's kinds of
// document: the kind chosen on a form that came back for task id (kept),
// else the kind the task's indicator asks for (1.1.1: 政策文件), else
// 工作总结.
func fillDocTypes(lang Lang, rows []taskRow, id string, kept catalog.DocType) {
	for i, t := range rows {
		// The kind chosen on a form that came back, else the kind the
		// task's indicator asks for (Task.HandInType).
		chosen := t.HandInType()
		if kept != "" && t.ID == id {
			chosen = kept
		}
		for _, dt := range catalog.DocTypes {
			rows[i].DocTypes = append(rows[i].DocTypes, option{string(dt), docTypeLabel(lang, string(dt)), dt == chosen})
		}
	}
}

// assignmentHandIn is the board's 为本任务提交文件: the coordinator (or an
// admin) hands files in for a department's task that is owed (未提交 or
// 已退回) — among them, after talking it over with the department, the
// very file returned, which a department may not send again. The rules
// are the API's upload with assignment=: the upload service decides who
// may, links the files to the task's indicator and submits the task. A
// wrong hand-in shows the board again with the error beside the task's
// form.
func (h *handler) assignmentHandIn(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	lang := langOf(r)
	id := r.PathValue("id")
	if err := h.Ingest.CheckUploader(r.Context(), u, "", id); err != nil {
		h.handInFailed(w, r, err)
		return
	}
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File["file"]
	}
	staged, refused, _ := h.stageHandIn(r, files)
	defer func() {
		for _, st := range staged {
			st.Remove()
		}
	}()
	if len(files) == 0 {
		h.handInFailed(w, r, catalog.FieldErrorf("file", catalog.EINVALID, "请选择要提交的文件"))
		return
	}
	if len(staged) == 0 {
		h.handInFailed(w, r, catalog.FieldErrorf("file", catalog.EINVALID, "%s", strings.Join(refused, "\n")))
		return
	}
	outcomes, err := h.Ingest.Upload(r.Context(), u, ingest.UploadRequest{Meta: ingest.Meta{DocType: r.FormValue("doc_type")},
		Assignment: id, Files: staged})
	if err != nil {
		h.handInFailed(w, r, err)
		return
	}
	stored, more, done := tallyHandIn(lang, outcomes)
	refused = append(refused, more...)
	msg := trf(lang, "tasks.handed", stored)
	if len(refused) > 0 {
		msg += tr(lang, "tasks.some_refused") + strings.Join(refused, tr(lang, "list.sep"))
	}
	if done != nil {
		// A file the archive held already is named beside the stored
		// document it is, as 我的任务 names it: a line after a redirect
		// cannot link it, and 已提交 alone hid that nothing new was stored.
		done.Message = msg
		q, next := boardOfForm(r)
		h.showBoard(w, r, http.StatusOK, q, next, boardForms{HandInID: id, HandInDone: done})
		return
	}
	back(w, r, safeNext(r.FormValue("next")), msg)
}

// handInFailed shows the board the hand-in came from with err beside the
// task's form; an error not about the form (a task of another city, one
// gone) shows the error page.
func (h *handler) handInFailed(w http.ResponseWriter, r *http.Request, err error) {
	switch catalog.ErrorCode(err) {
	case catalog.EINVALID, catalog.ECONFLICT, catalog.EUNSUPPORTED, catalog.ETOOLARGE:
	default:
		h.fail(w, r, err)
		return
	}
	q, next := boardOfForm(r)
	// The form is small: every error above it, none beside a field.
	st := typed(r, "doc_type")
	st.setError(langOf(r), err)
	h.showBoard(w, r, httperr.Prepare(w, r, h.Logger, err), q, next, boardForms{HandIn: st, HandInID: r.PathValue("id")})
}

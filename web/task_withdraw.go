package web

import (
	"fmt"
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
)

// taskWithdraw takes a document handed in for a task back (撤回), once
// confirmed on a page that names it and says what withdrawing does; then
// 我的任务 says what went: the file, its link to the indicator, and the
// file itself when nothing else held it.
func (h *handler) taskWithdraw(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	lang := langOf(r)
	id, docID := r.PathValue("id"), r.PostFormValue("document_id")
	a, err := h.Assignments.WithdrawTarget(r.Context(), u, id, docID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	next := fmt.Sprintf("/tasks?round=%d#task-%s", a.Round, a.ID)
	title := docID
	if d, err := h.Documents.Get(r.Context(), u, docID); err == nil {
		title = d.Title
	}
	if r.PostFormValue("confirm") != "1" {
		question, err := h.withdrawQuestion(r, lang, a, docID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusOK, "confirm", tr(lang, "tasks.withdraw.title"), &confirmPage{
			Question: question, Items: []string{title},
			Action: "/tasks/" + a.ID + "/withdraw", Fields: []hiddenField{{"document_id", docID}, {"confirm", "1"}},
			Button: tr(lang, "tasks.withdraw.confirm"), Cancel: next})
		return
	}
	_, done, err := h.Assignments.Withdraw(r.Context(), u, id, docID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := fmt.Sprintf(tr(lang, "tasks.withdrawn"), quotedTitle(lang, title))
	if len(done.Unlinked) > 0 {
		msg += fmt.Sprintf(tr(lang, "tasks.withdrawn.unlinked"), a.Indicator)
	}
	if done.DocumentDeleted {
		msg += tr(lang, "tasks.withdrawn.deleted")
	} else {
		msg += tr(lang, "tasks.withdrawn.kept")
	}
	if done.Status != a.Status {
		msg += fmt.Sprintf(tr(lang, "tasks.withdrawn.status"), tr(lang, "assignment."+string(done.Status)))
	}
	back(w, r, next, msg)
}

// withdrawQuestion asks to confirm withdrawing docID from a, saying only
// what will happen: the link the hand-in made goes, a link it did not
// make (the coordinator's, kept by 确认以此提交) stays, and the file is
// deleted only when nothing holds it — never while such a link stays; a
// returned file (one WithdrawTarget let through: nothing else holds it)
// is deleted, its return kept.
func (h *handler) withdrawQuestion(r *http.Request, lang Lang, a *catalog.Assignment, docID string) (string, error) {
	if _, returned := a.Returned[docID]; returned {
		// WithdrawTarget let it through: nothing holds it but the task
		// (catalog.Store.DocumentHeld, what the withdrawal checks).
		return tr(lang, "tasks.withdraw.returned"), nil
	}
	unlinks, stays, err := h.Assignments.WithdrawEffects(r.Context(), a, docID)
	if err != nil {
		return "", err
	}
	q := tr(lang, "tasks.withdraw.question")
	if len(unlinks) > 0 {
		q += fmt.Sprintf(tr(lang, "tasks.withdraw.unlinks"), a.Indicator)
	}
	if stays {
		q += fmt.Sprintf(tr(lang, "tasks.withdraw.stays"), a.Indicator)
	} else {
		q += tr(lang, "tasks.withdraw.may_delete")
	}
	return q + tr(lang, "tasks.withdraw.ask"), nil
}

// returnedMessage is what the board says once a task is returned: that
// the department sees the reason, and which links of its hand-ins went
// with it.
func returnedMessage(lang Lang, indicator string, unlinked []catalog.Link) string {
	if len(unlinked) == 0 {
		return tr(lang, "assignments.returned")
	}
	return trf(lang, "assignments.returned_unlinked", indicator, len(unlinked))
}

// taskHandInLinked hands a document the coordinator linked to an owed
// task's indicator in as the department's submission (确认以此提交); 我的任务
// then says so, the task 已提交 and waiting for the coordinator.
func (h *handler) taskHandInLinked(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	lang := langOf(r)
	docID := r.PostFormValue("document_id")
	t, err := h.Assignments.HandInLinked(r.Context(), u, r.PathValue("id"), docID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := docID
	if d, err := h.Documents.Get(r.Context(), u, docID); err == nil {
		title = d.Title
	}
	back(w, r, fmt.Sprintf("/tasks?round=%d#task-%s", t.Round, t.ID), fmt.Sprintf(tr(lang, "tasks.handed_linked"), title))
}

// quotedTitle is a document's title quoted as a message in lang quotes
// it: catalog.TitleWords.
func quotedTitle(lang Lang, title string) string {
	w := catalog.TitleWords(title)
	if lang == English {
		return w.English
	}
	return w.Chinese
}

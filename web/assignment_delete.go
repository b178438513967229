package web

import (
	"net/http"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// Deletable says the board offers to delete the task (a task added or
// imported by mistake): nothing counts as handed in for it, and it is not
// accepted; assignments.Service.Delete decides again when asked.
func (t taskRow) Deletable() bool {
	return t.Status != catalog.AssignmentAccepted && len(t.HandedIn()) == 0
}

// assignmentDelete asks, first, to confirm deleting a task, naming it
// (its indicator, department and due date), as the other deletions do;
// confirmed, it deletes it and goes back to the board it came from. A
// task that may not go (files handed in since the board was shown) is
// the error page saying why and what to do.
func (h *handler) assignmentDelete(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	u := sessionFrom(r).User
	id := r.PathValue("id")
	_, next := boardOfForm(r)
	if r.PostFormValue("confirm") != "1" {
		t, err := h.Assignments.DeleteTarget(r.Context(), u, id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusOK, "confirm", tr(lang, "assignments.delete.title"), &confirmPage{
			Question: tr(lang, "assignments.delete.question"), Items: []string{taskName(lang, t)},
			Action: "/assignments/" + id + "/delete", Fields: []hiddenField{{"confirm", "1"}, {"next", next}},
			Button: tr(lang, "assignments.delete.confirm"), Cancel: next})
		return
	}
	t, err := h.Assignments.Delete(r.Context(), u, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, next, trf(lang, "assignments.deleted", taskName(lang, t)))
}

// taskName names a task as the deletion's question and message do: its
// indicator (code and name), department and due date.
func taskName(lang Lang, t *assignments.Task) string {
	return trf(lang, "assignments.delete.item", t.Indicator, t.IndicatorName, t.Department, t.Due)
}

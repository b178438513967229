package web

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// documentRestore brings a deleted document back from its tombstone's
// 恢复: first the question, naming what comes back (its links, the
// claims and values citing it), then, confirmed, the restore, and the
// document's page again.
func (h *handler) documentRestore(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	u := sessionFrom(r).User
	id := r.PathValue("id")
	if r.PostFormValue("confirm") != "1" {
		t, err := h.Documents.Tombstone(r.Context(), u, id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		a, err := h.Documents.Affects(r.Context(), u, []string{id})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		items := []string{cmp.Or(t.Document.Title, t.Document.Filename)}
		if len(a.Indicators) > 0 {
			items = append(items, trf(lang, "tomb.restore.links", strings.Join(a.Indicators, tr(lang, "list.sep"))))
		}
		if len(a.Citing) > 0 {
			items = append(items, trf(lang, "tomb.restore.citing", len(a.Citing)))
		}
		h.render(w, r, http.StatusOK, "confirm", tr(lang, "tomb.restore.title"), &confirmPage{
			Question: tr(lang, "tomb.restore.question"), Items: items,
			Action: "/documents/" + id + "/restore", Fields: []hiddenField{{"confirm", "1"}},
			Button: tr(lang, "tomb.restore.confirm"), Cancel: "/documents/" + id})
		return
	}
	d, restored, err := h.Documents.Restore(r.Context(), u, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	said := trf(lang, "tomb.restored", d.Title, len(restored.Indicators), len(restored.Citing))
	if len(restored.GivenBack) > 0 {
		_, _, tasks := catalog.GivenBackOf(restored.GivenBack)
		said += trf(lang, "tomb.restored_back", len(restored.GivenBack)-len(tasks), len(tasks))
	}
	if len(restored.Kept) > 0 {
		said += trf(lang, "tomb.restored_kept", len(restored.Kept))
	}
	back(w, r, "/documents/"+d.ID, said)
}

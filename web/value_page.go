package web

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
)

// valuePage is one value's own page (/values/{id}): the row the list
// shows, with its cited passage in its place, and everything the API's
// view gives besides: its source's title even when deleted, its
// verdicts and its history, so that a reviewer who meets a value in a
// list can open it and read where it came from.
type valuePage struct {
	Row           valueRow
	SourceTitle   string
	SourceDeleted bool
	Newer         *catalog.NearDuplicate // the deleted source's newest live version
	Reviews       []catalog.Review
	History       []catalog.Event
}

// valuePageOf shows the value the address names, to whoever may see it
// (values.Service.Get decides, as the API's GET /api/v1/values/{id}).
func (h *handler) valuePageOf(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	v, err := h.Values.Get(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	listed, err := h.Values.WithPrevious(r.Context(), *v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows, err := h.valueRows(r, u, listed)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &valuePage{Row: rows[0]}
	names, err := h.Framework.Names(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Row.IndicatorName = names[v.Indicator]
	contexts, err := h.Values.PageContexts(r.Context(), listed)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if c, ok := contexts[v.ID]; ok {
		p.Row.Context = &c
	}
	view, err := h.Values.ViewOf(r.Context(), v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.SourceTitle, p.SourceDeleted, p.History, p.Newer = view.SourceTitle, view.SourceDeleted, view.History, view.Newer
	if p.Reviews, err = h.Values.Reviews(r.Context(), u, v.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "value", tr(langOf(r), "values.value")+" "+v.Indicator, p)
}

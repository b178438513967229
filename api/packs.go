package api

import (
	"mime"
	"net/http"
)

// handleEvidencePack streams a city's evidence pack for a round, in the
// language asked for as a report is (reportLang). Scope and
// round are checked before the first byte; once the ZIP has started, a
// failure can no longer be a JSON error, so the connection is cut and the
// client holds a truncated download rather than a pack that looks whole.
func (h *handler) handleEvidencePack(w http.ResponseWriter, r *http.Request) {
	round, err := intParam(r.URL.Query().Get("round"), 0, "round")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	p, err := h.Packs.Prepare(r.Context(), userFrom(r.Context()), r.PathValue("city"), round)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	p.Report.Lang = reportLang(r)
	if code := r.URL.Query().Get("indicator"); code != "" {
		if err := p.Only(code); err != nil {
			h.writeError(w, r, err)
			return
		}
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": p.Filename()}))
	w.Header().Set("Cache-Control", "no-store")
	if err := p.WriteTo(r.Context(), w); err != nil {
		h.Logger.Error("evidence pack cut short", "city", p.Report.City.Code, "round", p.Report.Round, "err", err)
		panic(http.ErrAbortHandler)
	}
}

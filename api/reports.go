package api

import (
	"bytes"
	"mime"
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

func (h *handler) handleReport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseRound("round", q.Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	format := q.Get("format")
	ctype, err := report.ContentType(format)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	rep, err := h.Reports.Build(r.Context(), userFrom(r.Context()), r.PathValue("city"), round)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	rep.Lang = reportLang(r)
	// A report is small (one row per key indicator), so it is built whole
	// before the first byte goes out and a failure is still a JSON error.
	var buf bytes.Buffer
	if err := rep.Write(&buf, format); err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": rep.Filename(format)}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// reportLang is the language asked for a report: the lang parameter
// (?lang=en), else the web UI's language switch (its cookie), else the
// first language of Accept-Language; Chinese when none says English.
func reportLang(r *http.Request) report.Lang {
	if l := r.URL.Query().Get("lang"); l != "" {
		return report.ParseLang(l)
	}
	if c, err := r.Cookie("evidence_lang"); err == nil {
		return report.ParseLang(c.Value)
	}
	return report.ParseLang(r.Header.Get("Accept-Language"))
}

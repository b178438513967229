package api

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// roundIndicatorJSON is one indicator as a round names it; now is today's
// name of one a kept round names otherwise, shown the name as pages
// and the report write it (旧名（现名：新名）).
type roundIndicatorJSON struct {
	Code       string `json:"code"`
	ParentCode string `json:"parent_code,omitempty"`
	Level      int    `json:"level"`
	Name       string `json:"name"`
	NameEN     string `json:"name_en,omitempty"`
	Kind       string `json:"kind,omitempty"`
	Now        string `json:"now,omitempty"`
	NowEN      string `json:"now_en,omitempty"`
	Shown      string `json:"shown"`
}

// handleRoundIndicators lists a round's indicators as the round names
// them: its kept names (names_kept) or the current framework's.
func (h *handler) handleRoundIndicators(w http.ResponseWriter, r *http.Request) {
	year, err := intParam(r.PathValue("year"), 0, "year")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	n, err := h.Framework.RoundNames(r.Context(), year)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	english := reportLang(r) == report.English
	out := make([]roundIndicatorJSON, len(n.Indicators))
	for i, ind := range n.Indicators {
		now := n.Now[ind.Code]
		shown, _ := n.Name(ind.Code, english)
		out[i] = roundIndicatorJSON{Code: ind.Code, ParentCode: ind.ParentCode, Level: ind.Level, Name: ind.Name, NameEN: ind.NameEN,
			Kind: string(ind.Kind), Now: now.Name, NowEN: now.NameEN, Shown: shown}
	}
	fw := n.Framework
	h.writeJSON(w, r, http.StatusOK, map[string]any{
		"round": n.Round, "current": n.Current, "names_kept": n.Kept,
		"framework":  map[string]any{"id": fw.ID, "name": fw.Name, "name_en": fw.NameEN, "version": fw.Version},
		"indicators": out,
	})
}

// handleRoundIndicatorCorrect corrects the names a round keeps for one
// indicator (admins): {"name"}, {"name_en"} or both; a name left out
// stays as it is. "was_name" and "was_name_en", when sent, are the names
// the client last read: a name someone changed since is a 409, not
// overwritten.
func (h *handler) handleRoundIndicatorCorrect(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	year, err := intParam(r.PathValue("year"), 0, "year")
	var in struct {
		Name      *string `json:"name"`
		NameEN    *string `json:"name_en"`
		WasName   *string `json:"was_name"`
		WasNameEN *string `json:"was_name_en"`
	}
	if err == nil {
		err = requireAdmin(u) // before reading the body
	}
	if err == nil {
		err = readJSON(r, &in)
	}
	var c *catalog.NameCorrection
	if err == nil {
		c, err = h.Framework.CorrectRoundNames(r.Context(), u, year, r.PathValue("code"), catalog.RoundNameEdit{Name: in.Name, NameEN: in.NameEN, WasName: in.WasName, WasNameEN: in.WasNameEN})
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"round": c.Round, "code": c.Code, "name": c.New, "old_name": c.Old,
		"name_en": c.NewEN, "old_name_en": c.OldEN})
}

// handleRoundUpdate makes an existing round the current one (admins):
// {"current": true}, the only change a round takes. The answer says
// whether anything changed and what the round has been given already
// (carried_over, tables): a round made current afterwards is carried
// into through POST /api/v1/rounds/{year}/carryover and given its
// tables through POST /api/v1/assignments/copy, as one made current
// when it was added.
func (h *handler) handleRoundUpdate(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	year, err := intParam(r.PathValue("year"), 0, "year")
	var in struct {
		Current *bool `json:"current"`
	}
	if err == nil {
		err = requireAdmin(u) // before reading the body
	}
	if err == nil {
		err = readJSON(r, &in)
	}
	if err == nil && (in.Current == nil || !*in.Current) {
		err = catalog.FieldErrorf("current", catalog.EINVALID, "只能把监测轮次设为当前轮次（\"current\": true）；要换掉当前轮次，请把另一个轮次设为当前轮次")
	}
	var changed bool
	if err == nil {
		changed, err = h.Framework.SetCurrentRound(r.Context(), u, year)
	}
	var st catalog.RoundSetup
	if err == nil {
		st, err = h.Framework.RoundSetup(r.Context(), year)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"round": map[string]any{"year": year, "current": true},
		"changed": changed, "carried_over": st.Carried, "tables": st.Tables})
}

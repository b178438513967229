package web

import (
	"net/http"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// roundNamesPage is a round's indicator names on its admin page
// (/admin/rounds/{year}): those the round keeps, each correctable, or,
// for a round that keeps none, the framework's, said so.
type roundNamesPage struct {
	Names *catalog.RoundNames
	Label string
	Rows  []roundNameRow
	// Form is the code whose correction came back with its error (State).
	Form  string
	State formState
}

// roundNameRow is one indicator: its name in the round and today's name
// when it was renamed since.
type roundNameRow struct {
	catalog.Indicator
	Now catalog.Indicator
}

func (h *handler) adminRoundPage(w http.ResponseWriter, r *http.Request) {
	h.showRoundNames(w, r, http.StatusOK, "", formState{})
}

// showRoundNames renders a round's names; code and st are a correction
// sent back with its error.
func (h *handler) showRoundNames(w http.ResponseWriter, r *http.Request, status int, code string, st formState) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		h.fail(w, r, catalog.Errorf(catalog.ENOTFOUND, "没有这个页面:%s", r.URL.Path))
		return
	}
	n, err := h.Framework.RoundNames(r.Context(), year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &roundNamesPage{Names: n, Form: code, State: st, Label: strconv.Itoa(year)}
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, rd := range rounds {
		if rd.Year == year {
			p.Label = roundLabel(langOf(r), rd.Year, rd.Label)
		}
	}
	for _, ind := range n.Indicators {
		p.Rows = append(p.Rows, roundNameRow{Indicator: ind, Now: n.Now[ind.Code]})
	}
	h.render(w, r, status, "round", trf(langOf(r), "round.title", p.Label), p)
}

// adminRoundNameCorrect corrects one name a round keeps and goes back to
// its row; a refused name comes back beside the row's field.
func (h *handler) adminRoundNameCorrect(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		h.fail(w, r, catalog.Errorf(catalog.ENOTFOUND, "没有这个页面:%s", r.URL.Path))
		return
	}
	code := r.PathValue("code")
	c, err := h.Framework.CorrectRoundName(r.Context(), sessionFrom(r).User, year, code, r.PostFormValue("name"))
	if err != nil {
		if ec := catalog.ErrorCode(err); ec != catalog.EINVALID && ec != catalog.ECONFLICT {
			h.fail(w, r, err)
			return
		}
		st := typed(r, "name")
		st.setError(langOf(r), err, "name")
		h.showRoundNames(w, r, httperr.Prepare(w, r, h.Logger, err), code, st)
		return
	}
	msg := trf(langOf(r), "round.unchanged", c.Code)
	if c.Old != c.New {
		msg = trf(langOf(r), "round.corrected", c.Code, c.Old, c.New)
	}
	back(w, r, "/admin/rounds/"+strconv.Itoa(year)+"#i-"+c.Code, msg)
}

package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/values"
)

type carryoversPage struct {
	City   string
	Cities []option
	Round  int
	// Rounds are the rounds to choose from, Round selected.
	Rounds  []option
	Items   []values.CarriedItem
	Pending int
	CanEdit bool
	Next    string
	// Start is the carry-over button's form sent back: its error.
	Start formState
	// Names are the current framework's indicator names by code; a past
	// round that keeps its own names shows those (keptname).
	Names map[string]string
}

// carryoversPage lists what was carried into a city's round (待确认 first),
// with confirm and drop buttons, and a button that carries the previous
// round over.
func (h *handler) carryoversPage(w http.ResponseWriter, r *http.Request) {
	h.showCarryovers(w, r, http.StatusOK, r.URL.Query(), formState{})
}

// showCarryovers renders the page for the city and round in q, with the
// carry-over form's error in start.
func (h *handler) showCarryovers(w http.ResponseWriter, r *http.Request, status int, q url.Values, start formState) {
	u := sessionFrom(r).User
	round, err := catalog.ParseRound("round", q.Get("round"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &carryoversPage{City: q.Get("city"), Start: start}
	if p.City == "" {
		p.City = u.City
	}
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.City == "" && len(p.Cities) > 0 {
		p.City = p.Cities[0].Value
	}
	if p.Items, p.Round, err = h.Values.CarriedItems(r.Context(), u, p.City, round); err != nil {
		h.fail(w, r, err)
		return
	}
	for _, it := range p.Items {
		if it.State == catalog.CarryToConfirm {
			p.Pending++
		}
	}
	if _, p.Rounds, err = h.roundOptions(r, roundValue(p.Round)); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Names, err = h.Framework.Names(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	p.CanEdit = u.CanEdit(p.City) == nil
	p.Next = carryoversPath(p.City, p.Round)
	h.render(w, r, status, "carryovers", tr(langOf(r), "carry.title"), p)
}

func carryoversPath(city string, round int) string {
	return "/carryovers?city=" + url.QueryEscape(city) + "&round=" + roundValue(round)
}

// roundValue is a round as a page sends it back in a form or a link: ""
// for 0 (no round chosen, or no current round yet), which
// catalog.ParseRound reads as the current round, where it refuses "0".
func roundValue(year int) string {
	if year == 0 {
		return ""
	}
	return strconv.Itoa(year)
}

// carryoverDecide confirms or drops one carried item, or restores one
// dropped.
func (h *handler) carryoverDecide(w http.ResponseWriter, r *http.Request) {
	// The confirm button of an item found 与证据矛盾 last round comes with
	// the box 已核对，仍沿用; without it ticked the service refuses.
	c, err := h.Values.DecideChecked(r.Context(), sessionFrom(r).User, r.PathValue("id"), r.PostFormValue("action"),
		r.PostFormValue("checked") != "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := tr(langOf(r), "carry.decided."+string(c.State))
	if c.Kind == catalog.CarryValue && c.State == catalog.CarryConfirmed && c.FromRound > 0 {
		// A figure kept is last round's, not measured again: say whose.
		msg = trf(langOf(r), "carry.decided.confirmed_value", c.FromRound)
	}
	if r.PostFormValue("action") == "restore" && c.Kind == catalog.CarryLink {
		msg = trf(langOf(r), "carry.decided.restored", c.Round)
	} else if r.PostFormValue("action") == "restore" {
		msg = trf(langOf(r), "carry.decided.restored_item", c.Round)
	}
	back(w, r, carryoversPath(c.City, c.Round), msg)
}

// carryoverStart carries a city's previous round into the round.
func (h *handler) carryoverStart(w http.ResponseWriter, r *http.Request) {
	city := r.PostFormValue("city")
	round, err := catalog.ParseRound("round", r.PostFormValue("round"))
	shown := r.PostFormValue("round")
	if err != nil {
		// The page shown with the error is the current round's: the
		// refused one names none.
		shown = ""
	} else if round == 0 {
		round, err = h.Framework.BlankRound(r.Context(), "round")
	}
	var rep *catalog.CarryReport
	if err == nil {
		rep, err = h.Values.CarryOver(r.Context(), sessionFrom(r).User, city, round)
	}
	if err != nil {
		if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ECONFLICT {
			h.fail(w, r, err)
			return
		}
		// The page of the city and round the button was on, the error
		// above the button.
		st := typed(r, "city", "round")
		st.setError(langOf(r), err)
		q := url.Values{"city": {city}, "round": {shown}}
		h.showCarryovers(w, r, httperr.Prepare(w, r, h.Logger, err), q, st)
		return
	}
	back(w, r, carryoversPath(city, round), carriedMessage(langOf(r), rep))
}

// carriedMessage says what a carry-over added: carrying is idempotent
// per object (catalog.CarryOver), so a second press says how many are
// new since, or that none are, rather than repeating the first count.
func carriedMessage(l Lang, rep *catalog.CarryReport) string {
	n := rep.Links + rep.Claims + rep.Values
	if n == 0 {
		return trf(l, "carry.nothing_new", rep.FromRound)
	}
	return trf(l, "carry.done", rep.FromRound, n, rep.Links, rep.Claims, rep.Values)
}

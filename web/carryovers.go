package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/values"
)

type carryoversPage struct {
	City    string
	Cities  []option
	Round   int
	Items   []values.CarriedItem
	Pending int
	CanEdit bool
	Next    string
}

// carryoversPage lists what was carried into a city's round (待确认 first),
// with confirm and drop buttons, and a button that carries the previous
// round over.
func (h *handler) carryoversPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	q := r.URL.Query()
	round, _ := strconv.Atoi(q.Get("round"))
	p := &carryoversPage{City: q.Get("city")}
	if p.City == "" {
		p.City = u.City
	}
	var err error
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
	p.CanEdit = u.CanEdit(p.City) == nil
	p.Next = carryoversPath(p.City, p.Round)
	h.render(w, r, http.StatusOK, "carryovers", tr(langOf(r), "carry.title"), p)
}

func carryoversPath(city string, round int) string {
	return "/carryovers?city=" + url.QueryEscape(city) + "&round=" + strconv.Itoa(round)
}

// carryoverDecide confirms or drops one carried item.
func (h *handler) carryoverDecide(w http.ResponseWriter, r *http.Request) {
	c, err := h.Values.Decide(r.Context(), sessionFrom(r).User, r.PathValue("id"), r.PostFormValue("action"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, carryoversPath(c.City, c.Round), tr(langOf(r), "carry.decided."+string(c.State)))
}

// carryoverStart carries a city's previous round into the round.
func (h *handler) carryoverStart(w http.ResponseWriter, r *http.Request) {
	round, err := strconv.Atoi(r.PostFormValue("round"))
	if err != nil {
		h.fail(w, r, catalog.Errorf(catalog.EINVALID, "请选择要结转到的监测轮次(年份)"))
		return
	}
	city := r.PostFormValue("city")
	rep, err := h.Values.CarryOver(r.Context(), sessionFrom(r).User, city, round)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, carryoversPath(city, round), carriedMessage(langOf(r), rep))
}

func carriedMessage(l Lang, rep *catalog.CarryReport) string {
	return fmt.Sprintf(tr(l, "carry.done"), rep.FromRound, rep.Links, rep.Claims, rep.Values)
}

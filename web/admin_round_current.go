package web

import (
	"net/http"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// roundOffer is what making a round current offers to do besides, as
// adding a current round does: carry every city's previous round over
// (结转) and copy every city's responsibility table (复制责任分解表); each
// only while the round has not had it, so that nothing is carried twice.
type roundOffer struct {
	Carry, Tables bool
	// CarriedBefore is a round carried into before it is made current (an
	// older archive's early carry-over): its box carries what the previous
	// round gained since, nothing twice.
	CarriedBefore bool
}

// roundOffers says what 设为当前轮次 offers for each round not current:
// carrying over into any round with one before it, since carrying is
// idempotent per object (catalog.CarryOver) and a round carried into
// before may have missed what was added to the previous round since.
func (h *handler) roundOffers(r *http.Request, rounds []catalog.Round) (map[int]roundOffer, error) {
	out := map[int]roundOffer{}
	for i, rd := range rounds {
		if rd.Current {
			continue
		}
		st, err := h.Framework.RoundSetup(r.Context(), rd.Year)
		if err != nil {
			return nil, err
		}
		out[rd.Year] = roundOffer{Carry: i > 0, Tables: i > 0 && !st.Tables, CarriedBefore: st.Carried}
	}
	return out, nil
}

// adminRoundCurrent makes an existing round the current one (设为当前轮次
// on /admin), once confirmed (confirmRoundCurrent), and, when asked, carries every city over into it and copies
// their responsibility tables, as adding a current round does; only when
// this request made the round current (SetCurrentRound lets one of two
// admins clicking at the same moment change it), so that a second click
// or an old page does nothing. Carrying again adds only what the
// previous round gained since (it says so); tables are copied only into a
// round without any, whatever the form said.
func (h *handler) adminRoundCurrent(w http.ResponseWriter, r *http.Request) {
	if !h.requireAdmin(w, r) {
		return
	}
	l := langOf(r)
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		h.fail(w, r, catalog.FieldErrorf("year", catalog.EINVALID, "年份应为四位数字，如 2018"))
		return
	}
	if r.PostFormValue("confirm") != "1" && h.confirmRoundCurrent(w, r, year) {
		return
	}
	u := sessionFrom(r).User
	st, err := h.Framework.RoundSetup(r.Context(), year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	changed, err := h.Framework.SetCurrentRound(r.Context(), u, year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := trf(l, "admin.made_current", year)
	if !changed {
		msg = trf(l, "admin.was_current", year)
	}
	if changed && r.PostFormValue("carry") == "on" {
		msg += tr(l, "admin.semicolon")
		if st.Carried {
			msg += trf(l, "admin.carried_before", year)
		}
		msg += h.carryAllCities(r, u, year)
	}
	if changed && r.PostFormValue("copy_tables") == "on" && !st.Tables {
		msg += tr(l, "admin.semicolon") + h.copyAllTables(r, u, year)
	}
	back(w, r, "/admin#rounds", msg)
}

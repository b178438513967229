package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// The buttons of /admin that end someone's access or move every city to
// another round sit close together in dense tables, and one click used
// to act (probe s36 findings 4 and 5): each now asks first, on the page
// 删除文档 and 撤回 use, naming what will happen; the form posts again
// with confirm=1, so the flow needs no script.

// confirmRoundCurrent asks before making year the current round. It
// renders the question and reports true, or reports false when there is
// nothing to ask (the round is current already: the action then says
// so); a round that does not exist is ENOTFOUND.
func (h *handler) confirmRoundCurrent(w http.ResponseWriter, r *http.Request, year int) (asked bool) {
	l := langOf(r)
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return true
	}
	var chosen, current *catalog.Round
	for i := range rounds {
		if rounds[i].Year == year {
			chosen = &rounds[i]
		}
		if rounds[i].Current {
			current = &rounds[i]
		}
	}
	if chosen == nil {
		h.fail(w, r, catalog.Errorf(catalog.ENOTFOUND, "监测轮次 %d 不存在", year))
		return true
	}
	if chosen.Current {
		return false
	}
	p := &confirmPage{Action: "/admin/rounds/" + strconv.Itoa(year) + "/current", Fields: []hiddenField{{"confirm", "1"}},
		Button: tr(l, "admin.confirm.current_button"), Cancel: "/admin#rounds",
		Question: trf(l, "admin.confirm.current_question_none", roundWords(l, *chosen))}
	p.Items = []string{trf(l, "admin.confirm.current_uploads", year), trf(l, "admin.confirm.current_tasks", year)}
	if current != nil {
		p.Question = trf(l, "admin.confirm.current_question", roundWords(l, *chosen), roundWords(l, *current))
		p.Items = append(p.Items, trf(l, "admin.confirm.current_names", current.Year))
		if year < current.Year {
			p.Warning = trf(l, "admin.confirm.current_older", year, current.Year, year)
		}
	}
	// The boxes ticked beside the button travel with the confirmation,
	// and are named among its effects.
	for _, box := range []struct{ name, effect string }{{"carry", "admin.confirm.current_carry"}, {"copy_tables", "admin.confirm.current_tables"}} {
		if r.PostFormValue(box.name) == "on" {
			p.Fields = append(p.Fields, hiddenField{box.name, "on"})
			p.Items = append(p.Items, tr(l, box.effect))
		}
	}
	h.render(w, r, http.StatusOK, "confirm", tr(l, "admin.confirm.current_title"), p)
	return true
}

// roundWords names a round as the question does: 2017年度（2017年度首批监测）.
func roundWords(l Lang, rd catalog.Round) string {
	if rd.Label == "" {
		return trf(l, "admin.confirm.round", rd.Year)
	}
	return trf(l, "admin.confirm.round_named", rd.Year, rd.Label)
}

// confirmUserAction asks before disabling an account ("disable") or
// giving it a new password ("password"), naming the account and that its
// sessions and API tokens end. An account that does not exist is
// refused on the users' table, as the action itself would refuse it.
func (h *handler) confirmUserAction(w http.ResponseWriter, r *http.Request, action string) {
	l := langOf(r)
	u, err := h.Accounts.User(r.Context(), sessionFrom(r).User, r.PathValue("name"))
	if err != nil {
		h.adminFormFailed(w, r, "users", err)
		return
	}
	p := &confirmPage{Action: "/admin/users/" + url.PathEscape(u.Username) + "/" + action, Fields: []hiddenField{{"confirm", "1"}},
		Button: tr(l, "admin.confirm."+action+"_button"), Cancel: "/admin#users",
		Question: trf(l, "admin.confirm."+action+"_question", trf(l, "admin.confirm.who", u.Username, roleName(l, u.Role)))}
	switch action {
	case "disable":
		p.Items = []string{trf(l, "admin.confirm.disable_sessions", u.Username), tr(l, "admin.confirm.disable_undo")}
	case "password":
		p.Items = []string{trf(l, "admin.confirm.password_sessions", u.Username), tr(l, "admin.confirm.password_new")}
	}
	h.render(w, r, http.StatusOK, "confirm", tr(l, "admin.confirm."+action+"_title"), p)
}

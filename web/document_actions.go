package web

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// confirmPage asks before something that cannot be undone from the UI: it
// names what will change and posts the same form again, confirmed.
type confirmPage struct {
	Question string
	Items    []string
	// Kept are the chosen items that will not change, each with why
	// (a document the user may not delete).
	Kept []keptItem
	// Reopens names the responsibility tasks the deletion would leave
	// with nothing handed in, owed again (an accepted one too): said
	// before, not only after.
	Reopens []string
	// Affects says, per round, the claims and values citing the
	// documents (their carried copies counted apart) and the indicators
	// they are linked to: what loses its evidence.
	Affects []string
	// Warning is said apart and louder than the question: what makes
	// this confirmation unlike the usual one (a round older than the
	// current one made current).
	Warning string
	Action  string
	Fields  []hiddenField
	Button  string
	Cancel  string
}

type hiddenField struct{ Name, Value string }

// keptItem is a chosen item the confirmed action leaves alone, and why.
type keptItem struct{ Title, Why string }

// confirmDelete asks to confirm deleting the chosen documents, naming
// each one, by the rule the API and the document page apply
// (documents.Service.CheckDelete: an admin any; a city's coordinator
// those of the city nothing cites): the others are named apart with why
// they stay, and when none may go the page says why instead.
func (h *handler) confirmDelete(w http.ResponseWriter, r *http.Request, ids []string, ret string) {
	lang := langOf(r)
	u := sessionFrom(r).User
	p := &confirmPage{Action: "/documents/bulk", Button: tr(lang, "docs.delete.confirm"), Cancel: ret,
		Fields: []hiddenField{{"action", "delete"}, {"confirm", "1"}, {"return", ret}}}
	var refused error
	var deleting []string // the ids that will go, whose tasks the page names
	for _, id := range ids {
		d, err := h.Documents.Get(r.Context(), u, id)
		if err != nil {
			continue
		}
		if err := h.Documents.CheckDelete(r.Context(), u, d); err != nil {
			refused = cmp.Or(refused, err)
			p.Kept = append(p.Kept, keptItem{Title: d.Title, Why: errorText(lang, err)})
			continue
		}
		p.Items = append(p.Items, d.Title)
		p.Fields = append(p.Fields, hiddenField{"ids", d.ID})
		deleting = append(deleting, d.ID)
	}
	if len(p.Items) == 0 && refused != nil {
		h.fail(w, r, refused)
		return
	}
	var err error
	if p.Reopens, err = h.deleteReopens(r, deleting); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Question, p.Affects, err = h.deleteAffects(r, deleting); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "confirm", tr(lang, "docs.delete.title"), p)
}

// deleteAffects is the delete confirmation's question for the documents
// ids, with its sentence about claims and values only when any cites
// them, and what they are evidence of, in the page's language: per
// round the claims and values citing them (其中 N 处为结转到 2019年度的
// 副本), then the indicators they are linked to.
func (h *handler) deleteAffects(r *http.Request, ids []string) (string, []string, error) {
	lang := langOf(r)
	a, err := h.Documents.Affects(r.Context(), sessionFrom(r).User, ids)
	if err != nil {
		return "", nil, err
	}
	question := trf(lang, "docs.delete.question", len(ids))
	if len(a.Citing) > 0 {
		question += tr(lang, "docs.delete.citing_back")
	}
	type tally struct{ claims, values, copies int }
	byRound := map[int]*tally{}
	var rounds []int
	for _, c := range a.Citing {
		t := byRound[c.Round]
		if t == nil {
			t = &tally{}
			byRound[c.Round] = t
			rounds = append(rounds, c.Round)
		}
		if c.Kind == catalog.CarryClaim {
			t.claims++
		} else {
			t.values++
		}
		if c.FromRound != 0 {
			t.copies++
		}
	}
	slices.Sort(rounds)
	var lines []string
	for _, round := range rounds {
		t := byRound[round]
		line := trf(lang, "docs.delete.affects_round", round, t.claims, t.values)
		if t.copies > 0 {
			line += trf(lang, "docs.delete.affects_copies", t.copies, round)
		}
		lines = append(lines, line)
	}
	if len(a.Indicators) > 0 {
		lines = append(lines, trf(lang, "docs.delete.affects_links", strings.Join(a.Indicators, tr(lang, "list.sep"))))
	}
	return question, lines, nil
}

// deleteReopens names, in the page's language, the tasks deleting the
// documents ids would reopen (documents.Service.DeletingReopens): 2.3.1
// 市教育局（2018年度，当前状态：已确认）.
func (h *handler) deleteReopens(r *http.Request, ids []string) ([]string, error) {
	lang := langOf(r)
	tasks, err := h.Documents.DeletingReopens(r.Context(), sessionFrom(r).User, ids)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(tasks))
	for i, a := range tasks {
		out[i] = trf(lang, "confirm.reopen_task", a.Indicator, a.Department, a.Round, tr(lang, "assignment."+string(a.Status)))
	}
	return out, nil
}

// documentDelete deletes one document (admins) once confirmed.
func (h *handler) documentDelete(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	u := sessionFrom(r).User
	d, err := h.Documents.Get(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.PostFormValue("confirm") != "1" {
		if err := h.Documents.CheckDelete(r.Context(), u, d); err != nil {
			h.fail(w, r, err)
			return
		}
		reopens, err := h.deleteReopens(r, []string{d.ID})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		question, affects, err := h.deleteAffects(r, []string{d.ID})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusOK, "confirm", tr(lang, "docs.delete.title"), &confirmPage{
			Question: question, Affects: affects, Items: []string{d.Title}, Reopens: reopens,
			Action: "/documents/" + d.ID + "/delete", Fields: []hiddenField{{"confirm", "1"}},
			Button: tr(lang, "docs.delete.confirm"), Cancel: "/documents/" + d.ID})
		return
	}
	reopened, err := h.Documents.Delete(r.Context(), u, d.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := fmt.Sprintf(tr(lang, "docs.deleted"), d.Title)
	if len(reopened.Claims) > 0 {
		msg += trf(lang, "docs.reopened", len(reopened.Claims))
	}
	if len(reopened.Values) > 0 {
		msg += trf(lang, "docs.reopened_values", len(reopened.Values))
	}
	if len(reopened.Assignments) > 0 {
		msg += trf(lang, "docs.reopened_tasks", len(reopened.Assignments))
	}
	back(w, r, "/documents", msg)
}

// documentMove puts one document into another city (admins); a wrong city
// shows the page again with the error beside the choice.
func (h *handler) documentMove(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	d, reopened, err := h.Documents.Move(r.Context(), sessionFrom(r).User, r.PathValue("id"), r.PostFormValue("city"))
	if err != nil {
		if catalog.ErrorField(err) == "" {
			h.fail(w, r, err)
			return
		}
		st := formState{Values: map[string]string{"city": r.PostFormValue("city")}}
		st.setError(langOf(r), err, "city")
		h.showDocument(w, r, httperr.Prepare(w, r, h.Logger, err), st)
		return
	}
	msg := fmt.Sprintf(tr(lang, "docs.moved"), d.Title, h.cityLabel(r, d.City))
	if len(reopened) > 0 {
		msg += trf(lang, "docs.reopened", len(reopened))
	}
	back(w, r, "/documents/"+d.ID, msg)
}

// cityLabel is a city's name in the page's language, or its code when it
// is not a city the user sees.
func (h *handler) cityLabel(r *http.Request, code string) string {
	cities, err := h.Framework.VisibleCities(r.Context(), sessionFrom(r).User)
	if err == nil {
		for _, c := range cities {
			if c.Code == code {
				return cityLabel(langOf(r), c)
			}
		}
	}
	return code
}

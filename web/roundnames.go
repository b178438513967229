package web

import (
	"net/http"
	"strconv"
	"strings"

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
	// WasName and WasNameEN are the names the row's form was edited from:
	// those shown, or those a correction sent back was sent with, so that
	// sending it again as it is is refused as it was the first time when
	// someone else has changed a name since (catalog.RoundNameEdit).
	WasName, WasNameEN string
	// Changed and ChangedEN: someone else changed the name (the English
	// name) since the correction sent back was edited; its form then asks
	// the admin to confirm it over the name the round has now
	// (confirm_name, confirm_name_en, carrying that name).
	Changed, ChangedEN bool
}

func (h *handler) adminRoundPage(w http.ResponseWriter, r *http.Request) {
	h.showRoundNames(w, r, http.StatusOK, "", formState{})
}

// showRoundNames renders a round's names; code and st are a correction
// sent back with its error.
func (h *handler) showRoundNames(w http.ResponseWriter, r *http.Request, status int, code string, st formState) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		h.fail(w, r, catalog.Errorf(catalog.ENOTFOUND, "没有这个页面：%s", r.URL.Path))
		return
	}
	n, err := h.Framework.RoundNames(r.Context(), year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// A round without a label is named 2018年度, not a bare number run
	// into the Chinese after it.
	p := &roundNamesPage{Names: n, Form: code, State: st, Label: trf(langOf(r), "admin.confirm.round", year)}
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, rd := range rounds {
		if rd.Year == year && rd.Label != "" {
			p.Label = roundLabel(langOf(r), rd.Year, rd.Label)
		}
	}
	for _, ind := range n.Indicators {
		row := roundNameRow{Indicator: ind, Now: n.Now[ind.Code], WasName: ind.Name, WasNameEN: ind.NameEN}
		if ind.Code == code {
			row.WasName, row.Changed = editedFrom(r, st, "name", ind.Name)
			row.WasNameEN, row.ChangedEN = editedFrom(r, st, "name_en", ind.NameEN)
		}
		p.Rows = append(p.Rows, row)
	}
	h.render(w, r, status, "round", trf(langOf(r), "round.title", p.Label), p)
}

// adminRoundNameCorrect corrects the names a round keeps for one
// indicator (roundNameEdit) and goes back to its row; a refused name
// comes back beside its field.
func (h *handler) adminRoundNameCorrect(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		h.fail(w, r, catalog.Errorf(catalog.ENOTFOUND, "没有这个页面：%s", r.URL.Path))
		return
	}
	code := r.PathValue("code")
	edit := roundNameEdit(r)
	c, err := h.Framework.CorrectRoundNames(r.Context(), sessionFrom(r).User, year, code, edit)
	if err != nil {
		if ec := catalog.ErrorCode(err); ec != catalog.EINVALID && ec != catalog.ECONFLICT {
			h.fail(w, r, err)
			return
		}
		st := typed(r, "name", "name_en")
		st.setError(langOf(r), err, "name", "name_en")
		h.showRoundNames(w, r, httperr.Prepare(w, r, h.Logger, err), code, st)
		return
	}
	back(w, r, "/admin/rounds/"+strconv.Itoa(year)+"#i-"+c.Code, correctedSays(langOf(r), c))
}

// editedFrom is the name a correction sent back (r) was edited from for
// its field, the round's name now being now: the one it was sent with
// (was_name, was_name_en, or the name it confirmed over, confirm_…);
// changed reports that now differs from it, changed by someone else
// since. A field the admin did not edit (its value still the was_ one)
// is no conflict of theirs: it comes back holding now, edited from now
// (st), so that sending the form again does not put back the name
// someone else has changed it from. Names compare cleaned
// (catalog.SameName): one stored with an invisible character is the
// name the admin was shown.
func editedFrom(r *http.Request, st formState, field, now string) (was string, changed bool) {
	if to, ok := r.PostForm[field]; ok {
		if from, ok := r.PostForm["was_"+field]; ok && catalog.SameName(to[0], from[0]) {
			st.Values[field] = now
			return now, false
		}
	}
	for _, key := range []string{"confirm_" + field, "was_" + field} {
		if v, ok := r.PostForm[key]; ok {
			was = strings.TrimSpace(catalog.DropInvisible(v[0]))
			return was, !catalog.SameName(was, now)
		}
	}
	return now, false
}

// roundNameEdit is the correction a round's names form sends: its name
// and name_en (a form without name_en leaves the English name as it is),
// and was_name and was_name_en, the names the page showed (or
// confirm_name, confirm_name_en, ticked on a correction sent back because
// someone else changed the name: the name it was changed to). Only a name
// that differs from the one shown is changed, and the store refuses it
// if someone changed that name since the page was shown: an admin who
// corrects one name on an old page does not put back the other one.
// A form that changes neither still asks for its Chinese name, so that
// the admin hears it is unchanged, or changed by someone since.
func roundNameEdit(r *http.Request) catalog.RoundNameEdit {
	var edit catalog.RoundNameEdit
	if err := r.ParseForm(); err != nil {
		return edit
	}
	field := func(name string) (to, was *string) {
		if v, ok := r.PostForm[name]; ok {
			to = &v[0]
		}
		if v, ok := r.PostForm["was_"+name]; ok {
			was = &v[0]
			if to != nil && catalog.SameName(*to, *was) {
				to = nil // not edited: not written back, whatever was ticked
			}
		}
		if v, ok := r.PostForm["confirm_"+name]; ok {
			was = &v[0] // ticked: over the name the admin was shown as someone else's
		}
		return to, was
	}
	edit.Name, edit.WasName = field("name")
	edit.NameEN, edit.WasNameEN = field("name_en")
	if edit.Name == nil && edit.NameEN == nil && edit.WasName != nil {
		edit.Name = edit.WasName
	}
	return edit
}

// correctedSays is what the admin is told of a correction: each name
// changed, from what to what, or that nothing changed. Long names are
// shortened (the row shows them whole): a notice over 1000 bytes would
// not be shown at all (takeFlash), and kept names run to 200 characters.
func correctedSays(l Lang, c *catalog.NameCorrection) string {
	var said []string
	if c.Old != c.New {
		said = append(said, trf(l, "round.corrected", c.Code, shorten(c.Old, 40), shorten(c.New, 40)))
	}
	if c.OldEN != c.NewEN {
		said = append(said, trf(l, "round.corrected_en", c.Code, shorten(c.OldEN, 80), shorten(c.NewEN, 80)))
	}
	if len(said) == 0 {
		return trf(l, "round.unchanged", c.Code)
	}
	return strings.Join(said, tr(l, "round.and"))
}

package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// departmentsPage is a city's list of departments (责任单位名单): the names a
// responsibility table may use, each with its number of tasks, and the
// forms to add, rename and remove one.
type departmentsPage struct {
	City      string
	CityFixed bool
	Cities    []option
	List      []catalog.Department
	Next      string
	Add       formState
	// Rename is the state of a row's failed rename or delete (a department
	// that still has tasks), shown on the row RenameID.
	Rename   formState
	RenameID string
	// Noted are, by id, the departments whose name is another's on the
	// list with a bracketed note after it (市教育局（市语委办）), each with
	// that other's name (市教育局): offered to be merged into it.
	Noted map[string]string
}

func (h *handler) departmentsPage(w http.ResponseWriter, r *http.Request) {
	h.showDepartments(w, r, http.StatusOK, r.URL.Query().Get("city"), &departmentsPage{})
}

// showDepartments renders the list of city with the form states in p.
func (h *handler) showDepartments(w http.ResponseWriter, r *http.Request, status int, city string, p *departmentsPage) {
	u := sessionFrom(r).User
	if err := h.cityInReach(r, u, city); err != nil {
		h.fail(w, r, err)
		return
	}
	p.City = city
	if u.Role != catalog.RoleAdmin {
		p.City, p.CityFixed = u.City, true
	}
	var err error
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.City == "" && len(p.Cities) > 0 {
		p.City, p.Cities[0].Selected = p.Cities[0].Value, true
	}
	p.Next = "/departments?city=" + url.QueryEscape(p.City)
	if p.City != "" {
		if p.List, err = h.Assignments.Departments(r.Context(), u, p.City); err != nil {
			h.fail(w, r, err)
			return
		}
		if p.Noted, err = h.Assignments.NotedTwins(r.Context(), p.City, p.List); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "departments", tr(langOf(r), "departments.title"), p)
}

func (h *handler) departmentCreate(w http.ResponseWriter, r *http.Request) {
	city, name := r.PostFormValue("city"), r.PostFormValue("name")
	d, err := h.Assignments.AddDepartment(r.Context(), sessionFrom(r).User, city, name)
	if err != nil {
		if !formProblem(err) {
			h.fail(w, r, err)
			return
		}
		p := &departmentsPage{Add: formState{Values: map[string]string{"name": name}}}
		p.Add.setError(langOf(r), err, "name")
		h.showDepartments(w, r, httperr.Prepare(w, r, h.Logger, err), city, p)
		return
	}
	back(w, r, "/departments?city="+url.QueryEscape(d.City), fmt.Sprintf(tr(langOf(r), "departments.added"), d.Name))
}

func (h *handler) departmentRename(w http.ResponseWriter, r *http.Request) {
	id, name := r.PathValue("id"), r.PostFormValue("name")
	// Back to the department's own city, whatever the form sent (a form
	// without it once led to the list of no city).
	d, err := h.Assignments.Department(r.Context(), sessionFrom(r).User, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	city := d.City
	if r.PostFormValue("merge") == "1" {
		h.departmentMerge(w, r, d, name)
		return
	}
	moved, err := h.Assignments.RenameDepartment(r.Context(), sessionFrom(r).User, id, name)
	if catalog.ErrorCode(err) == catalog.ECONFLICT {
		h.askMerge(w, r, d, name, err)
		return
	}
	if err != nil {
		if !formProblem(err) {
			h.fail(w, r, err)
			return
		}
		p := &departmentsPage{RenameID: id, Rename: formState{Values: map[string]string{"name": name}}}
		p.Rename.setError(langOf(r), err, "name")
		h.showDepartments(w, r, httperr.Prepare(w, r, h.Logger, err), city, p)
		return
	}
	msg := fmt.Sprintf(tr(langOf(r), "departments.renamed"), name)
	if len(moved) > 0 {
		msg += trf(langOf(r), "departments.accounts_moved", len(moved), strings.Join(moved, tr(langOf(r), "list.sep")))
	}
	back(w, r, "/departments?city="+url.QueryEscape(city), msg)
}

// departmentDelete asks, first, to confirm deleting a department nothing
// refers to, naming it, as the other deletions do; confirmed, it deletes
// it. One still referred to (tasks, accounts, hand-ins) is refused on its
// row, naming them, at either step.
func (h *handler) departmentDelete(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	u := sessionFrom(r).User
	id := r.PathValue("id")
	d, err := h.Assignments.Department(r.Context(), u, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	city := d.City
	list := "/departments?city=" + url.QueryEscape(city)
	if r.PostFormValue("confirm") != "1" {
		err = h.Assignments.CheckDepartmentRemovable(r.Context(), u, id)
	} else {
		err = h.Assignments.DeleteDepartment(r.Context(), u, id)
	}
	if err != nil {
		if !formProblem(err) {
			h.fail(w, r, err)
			return
		}
		p := &departmentsPage{RenameID: id, Rename: formState{Error: errorText(lang, err)}}
		h.showDepartments(w, r, httperr.Prepare(w, r, h.Logger, err), city, p)
		return
	}
	if r.PostFormValue("confirm") != "1" {
		h.render(w, r, http.StatusOK, "confirm", tr(lang, "departments.delete.title"), &confirmPage{
			Question: tr(lang, "departments.delete.question"), Items: []string{d.Name},
			Action: "/departments/" + id + "/delete", Fields: []hiddenField{{"confirm", "1"}},
			Button: tr(lang, "departments.delete.confirm"), Cancel: list})
		return
	}
	back(w, r, list, trf(lang, "departments.deleted", d.Name))
}

// formProblem tells an error the user can fix on the form (a bad or
// clashing name) from one that is not about the form (no such
// department, not allowed), which gets the error page.
func formProblem(err error) bool {
	code := catalog.ErrorCode(err)
	return code == catalog.EINVALID || code == catalog.ECONFLICT
}

// askMerge answers a rename onto the name of another department of the
// list (two names of one department, such as 市教育局（市语委办） beside
// 市教育局): it asks to merge d into that one, saying what moves, rather
// than only refusing the name.
func (h *handler) askMerge(w http.ResponseWriter, r *http.Request, d *catalog.Department, name string, clash error) {
	l := langOf(r)
	list := "/departments?city=" + url.QueryEscape(d.City)
	h.render(w, r, http.StatusConflict, "confirm", tr(l, "departments.merge.title"), &confirmPage{
		Question: errorText(l, clash), Items: []string{trf(l, "departments.merge.item", d.Name, d.Assignments)},
		Action: "/departments/" + d.ID, Fields: []hiddenField{{"name", name}, {"city", d.City}, {"merge", "1"}},
		Button: tr(l, "departments.merge.confirm"), Cancel: list})
}

// departmentMerge merges d into the department name names, as the
// confirmation after a rename onto it asked, and says what moved; a
// refusal (a task both hold) shows on d's row.
func (h *handler) departmentMerge(w http.ResponseWriter, r *http.Request, d *catalog.Department, name string) {
	l := langOf(r)
	m, err := h.Assignments.MergeDepartment(r.Context(), sessionFrom(r).User, d.ID, name)
	if err != nil {
		if !formProblem(err) && !catalog.IsNotFound(err) {
			h.fail(w, r, err)
			return
		}
		p := &departmentsPage{RenameID: d.ID, Rename: formState{Values: map[string]string{"name": name}}}
		p.Rename.setError(l, err, "name")
		h.showDepartments(w, r, httperr.Prepare(w, r, h.Logger, err), d.City, p)
		return
	}
	msg := trf(l, "departments.merged", m.From.Name, m.Into.Name, len(m.Tasks), len(m.Accounts), len(m.Documents))
	if len(m.MergedTasks) > 0 {
		msg += trf(l, "departments.merged_tasks", len(m.MergedTasks), strings.Join(m.MergedTasks, tr(l, "list.sep")), m.Into.Name)
	}
	back(w, r, "/departments?city="+url.QueryEscape(d.City), msg)
}

package api

import (
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// departmentJSON is a department of a city's list with how many
// assignments it holds and, in the list, how many accounts and hand-ins
// refer to it and whether it may be deleted (none refers to it).
type departmentJSON struct {
	ID          string `json:"id"`
	City        string `json:"city"`
	Name        string `json:"name"`
	Assignments int    `json:"assignments"`
	Accounts    int    `json:"accounts"`
	HandIns     int    `json:"hand_ins"`
	Removable   bool   `json:"removable"`
}

func toDepartmentJSON(d catalog.Department) departmentJSON {
	return departmentJSON{ID: d.ID, City: d.City, Name: d.Name, Assignments: d.Assignments,
		Accounts: d.Accounts, HandIns: d.HandIns, Removable: d.Removable()}
}

func (h *handler) handleDepartmentList(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	city := r.URL.Query().Get("city")
	if city == "" {
		city = u.City
	}
	if err := h.cityInReach(r, u, city); err != nil {
		h.writeError(w, r, err)
		return
	}
	list, err := h.Assignments.Departments(r.Context(), u, city)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]departmentJSON, len(list))
	for i, d := range list {
		out[i] = toDepartmentJSON(d)
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"departments": out})
}

func (h *handler) handleDepartmentCreate(w http.ResponseWriter, r *http.Request) {
	var in struct{ City, Name string }
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	d, err := h.Assignments.AddDepartment(r.Context(), u, in.City, in.Name)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	// A name accounts or hand-ins already carry is added with them: the
	// answer counts them as the list does, rather than calling it unused.
	if list, err := h.Assignments.Departments(r.Context(), u, d.City); err == nil {
		for _, listed := range list {
			if listed.ID == d.ID {
				d = &listed
				break
			}
		}
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"department": toDepartmentJSON(*d)})
}

func (h *handler) handleDepartmentRename(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name  string
		Merge bool
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	if in.Merge {
		h.departmentMerge(w, r, in.Name)
		return
	}
	moved, err := h.Assignments.RenameDepartment(r.Context(), userFrom(r.Context()), r.PathValue("id"), in.Name)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	// accounts: the department's accounts, which follow the new name.
	h.writeJSON(w, r, http.StatusOK, map[string]any{"department": map[string]string{"id": r.PathValue("id"), "name": strings.TrimSpace(in.Name)},
		"accounts": nonNil(moved)})
}

func (h *handler) handleDepartmentDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.Assignments.DeleteDepartment(r.Context(), userFrom(r.Context()), r.PathValue("id")); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"deleted": r.PathValue("id")})
}

// departmentMerge answers a rename onto another department's name that
// the client confirmed with "merge": true: the department is merged into
// that one, and the answer names what moved.
func (h *handler) departmentMerge(w http.ResponseWriter, r *http.Request, into string) {
	m, err := h.Assignments.MergeDepartment(r.Context(), userFrom(r.Context()), r.PathValue("id"), into)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"department": map[string]string{"id": m.Into.ID, "name": m.Into.Name},
		"merged": map[string]string{"id": m.From.ID, "name": m.From.Name},
		"tasks":  nonNil(m.Tasks), "accounts": nonNil(m.Accounts), "documents": nonNil(m.Documents),
		"deleted_documents": nonNil(m.DeletedDocuments), "merged_tasks": nonNil(m.MergedTasks)})
}

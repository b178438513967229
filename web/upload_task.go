package web

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// taskOption is a task on the upload page's 提交到任务 choice, with the
// kind of document a hand-in for it starts at (Task.HandInType), which
// the page's script picks in 文件类型 when the task is chosen.
type taskOption struct {
	Value, Label, DocType string
	// Name is the task in a sentence: its indicator and department.
	Name     string
	Selected bool
}

// handInTasks lists the tasks u may hand files in for from the upload
// page, the one chosen (id) selected: the owed tasks (Task.Owed: 未提交 or
// 已退回) of a city u manages, as the board offers its hand-in form on
// them, the newest round first. The files sent with one are handed in by
// the upload service exactly as on the board (为本任务提交文件) and in the
// API (assignment=). It returns too the kind of document the chosen task
// starts at, "" when none is chosen.
func (h *handler) handInTasks(r *http.Request, id string) ([]taskOption, catalog.DocType, error) {
	u := sessionFrom(r).User
	tasks, err := h.Assignments.List(r.Context(), u, assignments.Filter{})
	if err != nil {
		return nil, "", err
	}
	slices.SortStableFunc(tasks, func(a, b assignments.Task) int {
		return cmp.Or(cmp.Compare(b.Round, a.Round), cmp.Compare(a.City, b.City), cmp.Compare(a.Indicator, b.Indicator),
			cmp.Compare(a.Department, b.Department))
	})
	lang := langOf(r)
	// English pages name a task's indicator by its English name, as the
	// task board and every other page do: the probe read 市民年参与学习活动人次
	// in an English list.
	var namesEN map[string]string
	if lang == English {
		namesEN = h.indicatorNamesEN(r)
	}
	var out []taskOption
	var chosen catalog.DocType
	for _, t := range tasks {
		if !t.Owed() || u.CanEdit(t.City) != nil {
			continue
		}
		city := ""
		if u.Role == catalog.RoleAdmin {
			city = h.cityLabel(r, t.City) + " · "
		}
		label := trf(lang, "upload.task.item", city, t.Round, t.Indicator, cmp.Or(namesEN[t.Indicator], t.IndicatorName), t.Department, tr(lang, "assignment."+string(t.Status)))
		o := taskOption{Value: t.ID, Label: label, DocType: string(t.HandInType()), Name: t.Indicator + " " + t.Department,
			Selected: t.ID == id}
		if o.Selected {
			chosen = t.HandInType()
		}
		out = append(out, o)
	}
	return out, chosen, nil
}

// handedFor says how many of outcomes were handed in for task t, named by
// its indicator and department; "" for an upload for no task.
func handedFor(lang Lang, t *assignments.Task, outcomes []ingest.Outcome) string {
	if t == nil {
		return ""
	}
	return trf(lang, "upload.handed_task", handedCount(outcomes), t.Indicator+" "+t.Department)
}

// handedCount is how many of outcomes were handed in: those not failed.
func handedCount(outcomes []ingest.Outcome) int {
	n := 0
	for _, o := range outcomes {
		if o.Err == nil {
			n++
		}
	}
	return n
}

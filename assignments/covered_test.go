package assignments_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestCoveredTasksAreNotOverdue: on 10 May 2018 all three of 杭州's tasks
// are past their dates. The coordinator has linked 职业技能培训实施方案 to
// 1.3.2 for 2018 themself: that task is covered — still 未提交, the
// department's to hand in, but not overdue — in the list, its overdue
// filter, the per-department progress, one task read alone and the
// missing-materials list; the other two stay overdue. Once 人社局 hands
// the plan in (确认以此提交) the task is submitted, neither covered nor
// overdue.
func TestCoveredTasksAreNotOverdue(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	s.SetClock(func() time.Time { return time.Date(2018, 5, 10, 12, 0, 0, 0, time.UTC) })
	tasks := imported(t, s)
	plan := e.Upload(hangzhou, "职业技能培训实施方案.txt", "杭州市职业技能提升行动实施方案。")
	if err := e.Ingest.AddLinkInRound(ctx, coordA, &catalog.Link{DocumentID: plan.ID, IndicatorCode: "1.3.2", Page: 1}, 2018); err != nil {
		t.Fatal(err)
	}
	list, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range list {
		covered := tk.Indicator == "1.3.2"
		if tk.Covered != covered || tk.Overdue == covered || tk.Status != catalog.AssignmentOpen {
			t.Errorf("task %s: %s covered %v overdue %v, want open, covered %v, overdue %v", tk.Indicator, tk.Status,
				tk.Covered, tk.Overdue, covered, !covered)
		}
	}
	late, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2018, Overdue: true})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, tk := range late {
		codes = append(codes, tk.Indicator)
	}
	slices.Sort(codes)
	if !slices.Equal(codes, []string{"2.3.1", "3.1.1"}) {
		t.Errorf("overdue tasks %v, want 2.3.1 and 3.1.1 (1.3.2 is covered)", codes)
	}
	progress, err := s.Progress(ctx, coordA, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range progress {
		want := assignments.DepartmentProgress{Overdue: 2}
		if p.Department == "杭州市人力资源和社会保障局" {
			want = assignments.DepartmentProgress{Covered: 1}
		}
		if p.Overdue != want.Overdue || p.Covered != want.Covered {
			t.Errorf("progress of %s: overdue %d covered %d, want %d and %d", p.Department, p.Overdue, p.Covered, want.Overdue, want.Covered)
		}
	}
	one, err := s.Get(ctx, renshe, tasks["1.3.2"].ID)
	if err != nil || !one.Covered || one.Overdue {
		t.Errorf("1.3.2 read alone by 人社局: %+v %v, want covered, not overdue", one, err)
	}
	missing, err := s.Missing(ctx, coordA, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range missing {
		if tk.Indicator == "1.3.2" && (tk.Overdue || len(tk.Linked) != 1) {
			t.Errorf("missing list: 1.3.2 overdue %v with %d linked, want not overdue, the plan linked", tk.Overdue, len(tk.Linked))
		}
	}
	handed, err := s.HandInLinked(ctx, renshe, tasks["1.3.2"].ID, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if handed.Status != catalog.AssignmentSubmitted || handed.Overdue || handed.Covered {
		t.Errorf("1.3.2 after 确认以此提交: %s overdue %v covered %v, want submitted, neither", handed.Status, handed.Overdue, handed.Covered)
	}
}

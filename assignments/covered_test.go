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

// TestALaterRoundsReturnedHandInLeavesTheEarlierTaskCovered: the
// coordinator links 职业技能培训实施方案 to 1.3.2 for 2018, so 2018's task
// is covered. 2019's table is copied, the link carried and confirmed;
// 人社局 hands the plan in for 2019's task (确认以此提交) and the
// coordinator returns it. 2018's task is untouched — still covered, not
// overdue, the plan named in the missing-materials list — and 2019's
// task, whose hand-in of the plan was rejected, is not covered by it.
func TestALaterRoundsReturnedHandInLeavesTheEarlierTaskCovered(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	s.SetClock(func() time.Time { return time.Date(2019, 5, 10, 12, 0, 0, 0, time.UTC) })
	if err := e.Framework.AddRound(ctx, admin, catalog.Round{Year: 2019, Label: "2019年度监测"}); err != nil {
		t.Fatal(err)
	}
	imported(t, s)
	plan := e.Upload(hangzhou, "职业技能培训实施方案.txt", "杭州市职业技能提升行动实施方案。")
	if err := e.Ingest.AddLinkInRound(ctx, coordA, &catalog.Link{DocumentID: plan.ID, IndicatorCode: "1.3.2", Page: 1}, 2018); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CopyPrevious(ctx, coordA, hangzhou, 2019); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, coordA, hangzhou, 2019); err != nil {
		t.Fatal(err)
	}
	waiting, err := e.Values.Carryovers(ctx, coordA, hangzhou, 2019, catalog.CarryToConfirm)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range waiting {
		if c.Kind == catalog.CarryLink {
			if _, err := e.Values.Decide(ctx, coordA, c.ID, "confirm"); err != nil {
				t.Fatal(err)
			}
		}
	}
	task := func(round int) assignments.Task {
		t.Helper()
		list, err := s.ListLinked(ctx, coordA, assignments.Filter{City: hangzhou, Round: round, Indicator: "1.3.2"})
		if err != nil || len(list) != 1 {
			t.Fatalf("%d's tasks of 1.3.2: %v %v", round, list, err)
		}
		return list[0]
	}
	later := task(2019)
	if !later.Covered {
		t.Fatalf("2019's task 1.3.2 with the confirmed carried link: covered %v, want covered", later.Covered)
	}
	if _, err := s.HandInLinked(ctx, renshe, later.ID, plan.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Return(ctx, coordA, later.ID, "这份方案不是2019年度的材料"); err != nil {
		t.Fatal(err)
	}
	earlier := task(2018)
	if earlier.Status != catalog.AssignmentOpen || !earlier.Covered || earlier.Overdue || earlier.LinkedByCoordinator == nil {
		t.Errorf("2018's task 1.3.2 after 2019's hand-in was returned: %s covered %v overdue %v linked %+v, want open, covered, not overdue, the plan linked",
			earlier.Status, earlier.Covered, earlier.Overdue, earlier.LinkedByCoordinator)
	}
	missing, err := s.Missing(ctx, coordA, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range missing {
		if tk.Indicator == "1.3.2" && (tk.Overdue || !slices.Equal(tk.Linked, []string{plan.ID})) {
			t.Errorf("2018's missing list: 1.3.2 overdue %v linked %v, want not overdue, the plan %s", tk.Overdue, tk.Linked, plan.ID)
		}
	}
	later = task(2019)
	if later.Status != catalog.AssignmentReturned || later.Covered || later.LinkedByCoordinator != nil {
		t.Errorf("2019's task 1.3.2 after its hand-in of the plan was returned: %s covered %v linked %+v, want returned, not covered by the returned plan",
			later.Status, later.Covered, later.LinkedByCoordinator)
	}
}

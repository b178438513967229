package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestCopyPreviousStartsTheNewRoundsTable: 杭州's 2018 table copied into
// 2019 gives each department the same tasks, open, due a year later, with
// nothing handed in; 2018's tasks keep their status and hand-ins; copying
// again adds nothing; a round with no table before it, and another city's
// coordinator, are refused.
func TestCopyPreviousStartsTheNewRoundsTable(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	if err := e.Framework.AddRound(ctx, admin, catalog.Round{Year: 2019, Label: "2019年度监测"}); err != nil {
		t.Fatal(err)
	}
	old := imported(t, s)
	st, err := e.Ingest.Stage(strings.NewReader("杭州市学分银行建设情况"), "学分银行工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	if _, err := e.Ingest.Upload(ctx, jiaoyu, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"},
		Assignment: old["2.3.1"].ID, Files: []*ingest.Staged{st}}); err != nil {
		t.Fatal(err)
	}
	e.WaitHandedInRead(old["2.3.1"].ID)
	if _, err := s.Accept(ctx, coordA, old["2.3.1"].ID, ""); err != nil {
		t.Fatal(err)
	}

	if _, err := s.CopyPrevious(ctx, coordB, hangzhou, 2019); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("成都's coordinator copying 杭州's table: %v, want EFORBIDDEN", err)
	}
	if _, err := s.CopyPrevious(ctx, coordA, "", 2018); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("copying into 2018, which has no table before it: %v, want EINVALID", err)
	}
	cp, err := s.CopyPrevious(ctx, coordA, "", 2019)
	if err != nil {
		t.Fatal(err)
	}
	if cp.FromRound != 2018 || cp.Round != 2019 || cp.Added != 3 || cp.Existing != 0 || len(cp.Skipped) != 0 {
		t.Errorf("copy: %+v, want 3 tasks added from 2018 into 2019", cp)
	}
	tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2019})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2.3.1": "市教育局 2019-03-31 张老师 0571-85251234", "1.3.2": "杭州市人力资源和社会保障局 2019-04-15 李科长",
		"3.1.1": "市教育局 2019-04-30 "}
	for _, task := range tasks {
		got := task.Department + " " + task.Due + " " + task.Contact
		if got != want[task.Indicator] {
			t.Errorf("2019 task %s: %q, want %q", task.Indicator, got, want[task.Indicator])
		}
		if task.Status != catalog.AssignmentOpen || len(task.Documents) != 0 {
			t.Errorf("2019 task %s: %s with %d documents, want 未提交 with none", task.Indicator, task.Status, len(task.Documents))
		}
	}
	if len(tasks) != 3 {
		t.Errorf("2019 has %d tasks, want 3", len(tasks))
	}
	kept, err := s.Get(ctx, coordA, old["2.3.1"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Round != 2018 || kept.Status != catalog.AssignmentAccepted || len(kept.Documents) != 1 || kept.Due != "2018-03-31" {
		t.Errorf("2018's task after the copy: round %d, %s, %d documents, due %s; want 2018, accepted, 1, 2018-03-31",
			kept.Round, kept.Status, len(kept.Documents), kept.Due)
	}
	again, err := s.CopyPrevious(ctx, coordA, "", 2019)
	if err != nil {
		t.Fatal(err)
	}
	if again.Added != 0 || again.Existing != 3 {
		t.Errorf("copying again: %+v, want nothing added and 3 existing", again)
	}
	// Copied by mistake, the round is deleted with its tasks nothing was
	// handed in for (left behind, they showed as overdue tasks of a round
	// that was gone); once one is handed in, it is not.
	st2, err := e.Ingest.Stage(strings.NewReader("杭州市2019年学分银行建设情况"), "2019学分银行.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Remove()
	var handed string
	for _, task := range tasks {
		if task.Indicator == "2.3.1" {
			handed = task.ID
		}
	}
	if _, err := e.Ingest.Upload(ctx, jiaoyu, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"},
		Assignment: handed, Files: []*ingest.Staged{st2}}); err != nil {
		t.Fatal(err)
	}
	err = e.Values.DeleteRound(ctx, admin, 2019)
	if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(err.Error(), "已交材料的责任分解任务 1 项") {
		t.Errorf("deleting 2019 with a task handed in: %v, want ECONFLICT naming it", err)
	}
}

// TestRoundCopiedByMistakeIsDeleted: a round whose table was copied in
// but that nothing was handed in for is deleted with its tasks.
func TestRoundCopiedByMistakeIsDeleted(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	if err := e.Framework.AddRound(ctx, admin, catalog.Round{Year: 2019, Label: "2019年度监测"}); err != nil {
		t.Fatal(err)
	}
	imported(t, s)
	if cp, err := s.CopyPrevious(ctx, coordA, "", 2019); err != nil || cp.Added != 3 {
		t.Fatalf("copy: %+v, %v", cp, err)
	}
	if err := e.Values.DeleteRound(ctx, admin, 2019); err != nil {
		t.Fatalf("deleting 2019, copied into by mistake: %v", err)
	}
	if n, err := e.Catalog.FindAssignments(ctx, catalog.AssignmentFilter{City: hangzhou, Round: 2019}); err != nil || len(n) != 0 {
		t.Errorf("2019's tasks after the round was deleted: %d, %v; want none", len(n), err)
	}
}

func TestShiftDue(t *testing.T) {
	for _, tt := range []struct {
		due   string
		years int
		want  string
	}{
		{"2018-03-31", 1, "2019-03-31"},
		{"2024-02-29", 1, "2025-02-28"},
		{"2024-02-29", 4, "2028-02-29"},
		{"2018-12-31", 2, "2020-12-31"},
		{"三月底", 1, "三月底"},
	} {
		if got := catalog.ShiftDue(tt.due, tt.years); got != tt.want {
			t.Errorf("ShiftDue(%q, %d) = %q, want %q", tt.due, tt.years, got, tt.want)
		}
	}
}

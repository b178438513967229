package assignments

import (
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestOlderUnrecordedHandInsStillShown: 市教育局's task 2.3.1 has jiaoyu's
// hand-in recorded for it, and a colleague's older re-hand-in of the same
// bytes for the same task, from before submissions recorded their task
// (migration 023 could not tell it: no new task record followed it). The
// task shows both, as the README says, the recorded one first; not the
// coordinator's upload-page upload, another department's, nor a
// submission recorded for another task.
func TestOlderUnrecordedHandInsStillShown(t *testing.T) {
	at := time.Date(2018, 3, 1, 9, 0, 0, 0, time.UTC)
	a := catalog.Assignment{ID: "task-231", Department: "市教育局", HandedInBy: map[string]string{"doc": "jiaoyu"}}
	subs := []catalog.Submission{
		{DocumentID: "doc", User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.txt", At: at},
		{DocumentID: "doc", User: "jiaoyu2", Department: "市教育局", Filename: "实施方案（修订）.txt", At: at.Add(time.Hour)},
		{DocumentID: "doc", User: "hz_coord", Filename: "上传页.txt", At: at.Add(2 * time.Hour)},
		{DocumentID: "doc", User: "renshe", Department: "市人社局", Filename: "人社局.txt", At: at.Add(3 * time.Hour)},
		{DocumentID: "doc", User: "jiaoyu3", Department: "市教育局", Filename: "社区教育总结.txt", At: at.Add(4 * time.Hour), Assignment: "task-311"},
		{DocumentID: "doc", User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案（终稿）.txt", At: at.Add(5 * time.Hour), Assignment: "task-231"},
	}
	got := handIns(a, "doc", subs)
	var names []string
	for _, sub := range got {
		names = append(names, sub.User+" "+sub.Filename)
	}
	want := []string{"jiaoyu 学分银行实施方案（终稿）.txt", "jiaoyu2 实施方案（修订）.txt"}
	if len(names) != len(want) || names[0] != want[0] || names[1] != want[1] {
		t.Errorf("task 2.3.1 shows hand-ins %q, want %q", names, want)
	}
}

// TestCoordinatorHandInIsNotTheDepartments: wang, the coordinator, first
// uploaded 社区教育年报.pdf on the upload page (no task), renshe handed the
// same bytes in for 市人社局's task 2.3.3, and after a return wang handed
// them in for the task (evidence ingest --task). The task lists the two
// hand-ins only, not wang's upload-page upload, and wang's as the
// coordinator's, without the department it was filed under.
func TestCoordinatorHandInIsNotTheDepartments(t *testing.T) {
	at := time.Date(2026, 12, 3, 21, 3, 25, 0, time.UTC)
	a := catalog.Assignment{ID: "task-233", Department: "市人力资源和社会保障局", HandedInBy: map[string]string{"doc": "wang"}}
	subs := []catalog.Submission{
		{DocumentID: "doc", User: "wang", Filename: "社区教育年报.pdf", At: at, Role: catalog.RoleCoordinator},
		{DocumentID: "doc", User: "renshe", Department: "市人力资源和社会保障局", Filename: "社区教育年报.pdf", At: at.Add(time.Minute),
			Assignment: "task-233", Role: catalog.RoleContributor},
		{DocumentID: "doc", User: "wang", Department: "市人力资源和社会保障局", Filename: "社区教育年报.pdf", At: at.Add(8 * time.Minute),
			Assignment: "task-233", Role: catalog.RoleCoordinator},
	}
	got := handIns(a, "doc", subs)
	var names []string
	for _, sub := range got {
		names = append(names, sub.User+"|"+sub.Department+"|"+string(sub.Role))
	}
	want := []string{"renshe|市人力资源和社会保障局|contributor", "wang||coordinator"}
	if len(names) != len(want) || names[0] != want[0] || names[1] != want[1] {
		t.Errorf("task 2.3.3 shows hand-ins %q, want %q", names, want)
	}
}

// TestCoordinatorUploadOfTheDepartmentsBytesIsNoHandIn: wang, the
// coordinator, whose account names 市教育局, returned jiaoyu's 简报B.txt
// and then uploaded the same bytes on the upload page for no task. The
// task 1.1.1 of 市教育局 still lists jiaoyu's hand-in alone: wang's
// upload is no hand-in for it, though his account names its department.
func TestCoordinatorUploadOfTheDepartmentsBytesIsNoHandIn(t *testing.T) {
	at := time.Date(2019, 4, 2, 10, 0, 0, 0, time.UTC)
	a := catalog.Assignment{ID: "task-111", Department: "市教育局", HandedInBy: map[string]string{"doc": "jiaoyu"}}
	for _, role := range []catalog.Role{catalog.RoleCoordinator, catalog.RoleAdmin} {
		subs := []catalog.Submission{
			{DocumentID: "doc", User: "jiaoyu", Department: "市教育局", Filename: "简报B.txt", At: at, Assignment: "task-111", Role: catalog.RoleContributor},
			{DocumentID: "doc", User: "wang", Department: "市教育局", Filename: "简报B.txt", At: at.Add(time.Hour), Role: role},
		}
		got := handIns(a, "doc", subs)
		if len(got) != 1 || got[0].User != "jiaoyu" {
			t.Errorf("task 1.1.1 with a %s's upload-page upload of its bytes lists %+v, want jiaoyu's hand-in alone", role, got)
		}
	}
}

package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestRenameOntoAnotherDepartmentMergesOnConfirmation: on SQLite and
// PostgreSQL, 杭州's list holds 市教育局 (tasks 1.3.3, 3.1.1, account
// jiaoyu) and 市教育局（市语委办） (tasks 1.1.1, 1.2.1, 2.3.1, account
// yuwei, a document filed and handed in under it), as the probe's table
// made them. Renaming the second to 教育局 is refused, naming 市教育局 and
// offering the merge; MergeDepartment then moves its tasks, its account
// and its document to 市教育局 in one step, takes it off the list and
// records a department.merge event.
func TestRenameOntoAnotherDepartmentMergesOnConfirmation(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		rows := []AssignmentRow{
			{Indicator: "1.1.1", Department: "市教育局（市语委办）", Due: "2018-03-31", Contact: "张老师"},
			{Indicator: "1.2.1", Department: "市教育局（市语委办）", Due: "2018-04-15", Contact: "张老师"},
			{Indicator: "2.3.1", Department: "市教育局（市语委办）", Due: "2018-05-31", Contact: "张老师"},
			{Indicator: "1.3.3", Department: "市教育局", Due: "2018-06-30", Contact: "张老师"},
			{Indicator: "3.1.1", Department: "市教育局", Due: "2018-12-31", Contact: "张老师"},
		}
		if _, err := s.ImportAssignments(ctx, "330100", 2018, rows, "wang"); err != nil {
			t.Fatal(err)
		}
		for name, dept := range map[string]string{"jiaoyu": "教育局", "yuwei": "市教育局（市语委办）"} {
			if err := s.CreateUser(ctx, &User{Username: name, Role: RoleContributor, City: "330100", Department: dept}, "x", "admin"); err != nil {
				t.Fatal(err)
			}
		}
		doc := newDoc("D1", "aa")
		doc.Department = "市教育局（市语委办）"
		if err := s.CreateDocument(ctx, doc, Submission{User: "yuwei", Department: "市教育局（市语委办）"}); err != nil {
			t.Fatal(err)
		}
		noted, err := s.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.RenameDepartment(ctx, noted.ID, "教育局", "wang")
		if ErrorCode(err) != ECONFLICT || !strings.Contains(ErrorMessage(err), "“市教育局”") || !strings.Contains(ErrorMessage(err), "合并") {
			t.Fatalf("rename onto 市教育局: %v, want ECONFLICT naming 市教育局 and offering the merge", err)
		}
		if list, _ := s.Departments(ctx, "330100"); len(list) != 2 {
			t.Fatalf("a refused rename changed the list: %+v", list)
		}
		m, err := s.MergeDepartment(ctx, noted.ID, "教育局", "wang")
		if err != nil {
			t.Fatalf("merge: %v", err)
		}
		if m.Into.Name != "市教育局" || len(m.Tasks) != 3 || !slices.Equal(m.Accounts, []string{"yuwei"}) || !slices.Equal(m.Documents, []string{"D1"}) {
			t.Errorf("merge: %+v, want 3 tasks, account yuwei and D1 moved to 市教育局", m)
		}
		list, err := s.Departments(ctx, "330100")
		if err != nil || len(list) != 1 || list[0].Name != "市教育局" || list[0].Assignments != 5 || list[0].Accounts != 2 || list[0].HandIns != 1 {
			t.Fatalf("the list after the merge: %+v %v, want 市教育局 alone with 5 tasks, 2 accounts, 1 hand-in", list, err)
		}
		tasks, err := s.FindAssignments(ctx, AssignmentFilter{City: "330100", Round: 2018, DepartmentID: list[0].ID})
		if err != nil || len(tasks) != 5 {
			t.Errorf("市教育局's tasks after the merge: %d %v, want 5", len(tasks), err)
		}
		if u, err := s.User(ctx, "yuwei"); err != nil || u.Department != "市教育局" {
			t.Errorf("yuwei after the merge: %+v %v, want department 市教育局", u, err)
		}
		if d, err := s.Document(ctx, "D1"); err != nil || d.Department != "市教育局" {
			t.Errorf("D1 after the merge: %+v %v, want department 市教育局", d, err)
		}
		events, err := s.FindEvents(ctx, EventFilter{Object: "department:" + list[0].ID, Action: "department.merge"})
		if err != nil || len(events) != 1 || events[0].Detail["from"] != "市教育局（市语委办）" || fmt.Sprint(events[0].Detail["accounts"]) != "[yuwei]" {
			t.Errorf("the merge in the audit log: %+v %v", events, err)
		}
	})
}

// TestMergeMakesATaskBothDepartmentsHoldOne: 市教育局（市语委办） handed in
// 学分银行实施方案.pdf for 2018 1.3.3 (due 2018-03-31), which 市教育局 holds
// too, still open (due 2018-06-30). Merging the first into 市教育局 leaves
// 市教育局 one task 1.3.3: its own, 已提交 with the file, due on the earlier
// date, whose history shows the other's hand-in and the merge.
func TestMergeMakesATaskBothDepartmentsHoldOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "1.3.3", Department: "市教育局（市语委办）", Due: "2018-03-31", Contact: "张老师"},
			{Indicator: "1.1.1", Department: "市教育局（市语委办）", Due: "2018-03-31"},
			{Indicator: "1.3.3", Department: "市教育局", Due: "2018-06-30"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		gone, kept := imp.Assignments[0].ID, imp.Assignments[2].ID
		if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "yuwei", Department: "市教育局（市语委办）",
			Filename: "学分银行实施方案.pdf", Assignment: gone}); err != nil {
			t.Fatal(err)
		}
		if err := s.ChangeAssignment(ctx, AssignmentChange{ID: gone, From: AssignmentStatuses, To: AssignmentSubmitted,
			Documents: []string{"D1"}, By: "yuwei"}); err != nil {
			t.Fatal(err)
		}
		noted, err := s.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.MergeDepartment(ctx, noted.ID, "市教育局", "wang")
		if err != nil {
			t.Fatalf("merge with a task both hold: %v", err)
		}
		if !slices.Equal(m.MergedTasks, []string{"2018 1.3.3"}) {
			t.Errorf("merged tasks %v, want [2018 1.3.3]", m.MergedTasks)
		}
		tasks, err := s.FindAssignments(ctx, AssignmentFilter{City: "330100", Round: 2018, DepartmentID: m.Into.ID})
		if err != nil || len(tasks) != 2 {
			t.Fatalf("市教育局's tasks after the merge: %+v %v, want 1.1.1 and one 1.3.3", tasks, err)
		}
		a, err := s.Assignment(ctx, kept)
		if err != nil || a.Status != AssignmentSubmitted || a.Due != "2018-03-31" || a.Contact != "张老师" || !slices.Equal(a.Documents, []string{"D1"}) {
			t.Errorf("the task kept: %+v %v, want 已提交 with D1, due 2018-03-31, contact 张老师", a, err)
		}
		if _, err := s.Assignment(ctx, gone); !IsNotFound(err) {
			t.Errorf("the merged-away task: %v, want it gone", err)
		}
		if subs, err := s.Submissions(ctx, "D1"); err != nil || len(subs) != 1 || subs[0].Assignment != kept || subs[0].Department != "市教育局" {
			t.Errorf("D1's hand-in after the merge: %+v %v, want for the task kept, under 市教育局", subs, err)
		}
		events, err := s.FindEvents(ctx, EventFilter{Object: "assignment:" + kept})
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action)
		}
		if err != nil || !slices.Contains(actions, "assignment.submitted") || !slices.Contains(actions, "department.merge") {
			t.Errorf("the kept task's history: %v %v, want the other's hand-in and the merge", actions, err)
		}
	})
}

// TestMergeRefusesTasksBothHoldInDifferentStates: 市教育局（市语委办）'s
// 2018 1.3.3 was returned and 市教育局's accepted: which stands is for the
// coordinator to say, so the merge is refused naming the task and what
// to do, and nothing moves.
func TestMergeRefusesTasksBothHoldInDifferentStates(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "1.3.3", Department: "市教育局（市语委办）", Due: "2018-03-31"},
			{Indicator: "1.1.1", Department: "市教育局（市语委办）", Due: "2018-03-31"},
			{Indicator: "1.3.3", Department: "市教育局", Due: "2018-03-31"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		for i, to := range map[int]AssignmentStatus{0: AssignmentReturned, 2: AssignmentAccepted} {
			c := AssignmentChange{ID: imp.Assignments[i].ID, From: AssignmentStatuses, To: to, By: "wang"}
			if to == AssignmentReturned {
				c.Reason = "缺少文号"
			}
			if err := s.ChangeAssignment(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		noted, err := s.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.MergeDepartment(ctx, noted.ID, "市教育局", "wang")
		if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "2018 1.3.3") || !strings.Contains(ErrorMessage(err), "确认或退回") {
			t.Fatalf("merge with a task returned on one side and accepted on the other: %v, want EINVALID naming 2018 1.3.3", err)
		}
		if d, err := s.Department(ctx, noted.ID); err != nil || d.Assignments != 2 {
			t.Errorf("the refused merge moved something: %+v %v", d, err)
		}
		if _, err := s.MergeDepartment(ctx, noted.ID, "市教育局（市语委办）", "wang"); ErrorCode(err) != EINVALID {
			t.Errorf("merging a department into itself: %v, want EINVALID", err)
		}
		if _, err := s.MergeDepartment(ctx, noted.ID, "市民政局", "wang"); !IsNotFound(err) {
			t.Errorf("merging into a department not on the list: %v, want ENOTFOUND", err)
		}
	})
}

// TestMergeRefilesDeletedDocuments: 市教育局（市语委办） filed and handed in
// 关于推进学分银行建设的通知 (D2), which was then deleted, beside the live
// D1. Merging it into 市教育局 re-files both, the deleted one too, and the
// merge event lists D2 apart from the live documents; restored after the
// merge, D2 and its hand-in are 市教育局's, not a name gone from the list.
func TestMergeRefilesDeletedDocuments(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, name := range []string{"市教育局", "市教育局（市语委办）"} {
			if _, err := s.AddDepartment(ctx, "330100", name, "wang"); err != nil {
				t.Fatal(err)
			}
		}
		for _, id := range []string{"D1", "D2"} {
			doc := newDoc(id, "sha-"+id)
			doc.Department = "市教育局（市语委办）"
			if err := s.CreateDocument(ctx, doc, Submission{User: "yuwei", Department: "市教育局（市语委办）", Filename: id + ".txt"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DeleteDocument(ctx, "D2", "wang"); err != nil {
			t.Fatal(err)
		}
		noted, err := s.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.MergeDepartment(ctx, noted.ID, "市教育局", "wang")
		if err != nil {
			t.Fatalf("merge: %v", err)
		}
		if !slices.Equal(m.Documents, []string{"D1"}) || !slices.Equal(m.DeletedDocuments, []string{"D2"}) {
			t.Errorf("merge moved documents %v and deleted ones %v, want [D1] and [D2]", m.Documents, m.DeletedDocuments)
		}
		events, err := s.FindEvents(ctx, EventFilter{Object: "department:" + m.Into.ID, Action: "department.merge"})
		if err != nil || len(events) != 1 || fmt.Sprint(events[0].Detail["documents"]) != "[D1]" ||
			fmt.Sprint(events[0].Detail["deleted_documents"]) != "[D2]" {
			t.Errorf("the merge in the audit log: %+v %v, want documents [D1] and deleted_documents [D2]", events, err)
		}
		if _, err := s.RestoreDocument(ctx, "D2", "wang"); err != nil {
			t.Fatalf("restore D2: %v", err)
		}
		if d, err := s.Document(ctx, "D2"); err != nil || d.Department != "市教育局" {
			t.Errorf("D2 restored after the merge: %+v %v, want 责任单位 市教育局", d, err)
		}
		subs, err := s.Submissions(ctx, "D2")
		if err != nil || len(subs) != 1 || subs[0].Department != "市教育局" {
			t.Errorf("D2's hand-in after the merge: %+v %v, want handed in under 市教育局", subs, err)
		}
		if list, err := s.Departments(ctx, "330100"); err != nil || len(list) != 1 || list[0].HandIns != 2 {
			t.Errorf("the list after the restore: %+v %v, want 市教育局 alone with D1 and D2", list, err)
		}
	})
}

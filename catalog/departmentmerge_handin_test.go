package catalog

import (
	"context"
	"testing"
)

// TestHandInAfterAMergeIsFiledUnderTheMergedDepartment: on both catalogs,
// 市语委办's contributor (yuwei) uploads; the upload read the account's
// department (市语委办) before its transaction, and a merge of 市语委办
// into 市教育局 commits between that read and the write. The write is
// given the stale name, as the upload holds it: the new document, its
// hand-in and a second hand-in of stored bytes are filed under 市教育局,
// the account's department now, never under the merged-away 市语委办
// (review s43 #10).
func TestHandInAfterAMergeIsFiledUnderTheMergedDepartment(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if _, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "1.1.1", Department: "市语委办", Due: "2018-03-31"},
			{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31"}}, "wang"); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUser(ctx, &User{Username: "yuwei", Role: RoleContributor, City: "330100", Department: "市语委办"}, "x", "admin"); err != nil {
			t.Fatal(err)
		}
		stale, err := s.User(ctx, "yuwei") // what the upload read before its transaction
		if err != nil {
			t.Fatal(err)
		}
		from, err := s.DepartmentByName(ctx, "330100", "市语委办")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergeDepartment(ctx, from.ID, "市教育局", "wang"); err != nil {
			t.Fatalf("merge 市语委办 into 市教育局: %v", err)
		}

		doc := newDoc("D1", "aa")
		doc.Department, doc.UploadedBy = stale.Department, stale.Username
		if err := s.CreateDocument(ctx, doc, Submission{User: stale.Username, Role: stale.Role, Department: stale.Department, Filename: "语言文字工作总结.txt"}); err != nil {
			t.Fatalf("upload by 市语委办's account after the merge: %v", err)
		}
		if err := s.AddSubmission(ctx, Submission{DocumentID: "D1", User: stale.Username, Role: stale.Role, Department: stale.Department,
			Filename: "语言文字工作总结（再次提交）.txt"}); err != nil {
			t.Fatalf("the same bytes handed in again after the merge: %v", err)
		}
		if d, err := s.Document(ctx, "D1"); err != nil || d.Department != "市教育局" {
			t.Errorf("the document's 责任单位 after the merge: %q %v, want 市教育局", d.Department, err)
		}
		subs, err := s.Submissions(ctx, "D1")
		if err != nil || len(subs) != 2 {
			t.Fatalf("hand-ins of D1: %+v %v, want 2", subs, err)
		}
		for _, sub := range subs {
			if sub.Department != "市教育局" {
				t.Errorf("hand-in %s filed under %q after the merge, want 市教育局", sub.Filename, sub.Department)
			}
		}
	})
}

// TestStaleHandInsAfterAMergeFollowTheTask: on both catalogs, 市语委办 is
// merged into 市教育局 after each writer read the name 市语委办 (from the
// task, or from the account) and before it wrote. Each write is given
// the stale name as its caller holds it, and each is filed under
// 市教育局, never under the merged-away 市语委办 (review s44 #2): the
// coordinator's 确认以此提交 (HandInLinked: the task's department, read in
// its transaction), the coordinator's upload for the task and the same
// bytes sent again for it (their account names no department: the task's
// department now), and the contributor's replacement of a failed file
// (the account's department now).
func TestStaleHandInsAfterAMergeFollowTheTask(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "1.1.1", Department: "市语委办", Due: "2018-03-31"},
			{Indicator: "1.1.2", Department: "市语委办", Due: "2018-03-31"},
			{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		tasks := map[string]string{}
		for _, a := range imp.Assignments {
			tasks[a.Indicator] = a.ID
		}
		for _, u := range []*User{{Username: "wang", Role: RoleCoordinator, City: "330100"},
			{Username: "yuwei", Role: RoleContributor, City: "330100", Department: "市语委办"}} {
			if err := s.CreateUser(ctx, u, "x", "admin"); err != nil {
				t.Fatal(err)
			}
		}
		linked := newDoc("D1", "aa")
		linked.UploadedBy, linked.Filename = "wang", "杭州市语言文字工作实施方案.txt"
		failed := newDoc("D2", "bb")
		failed.UploadedBy, failed.Department, failed.Status, failed.Filename = "yuwei", "市语委办", StatusFailed, "普通话推广工作总结.txt"
		for _, d := range []*Document{linked, failed} {
			if err := s.CreateDocument(ctx, d, Submission{User: d.UploadedBy, Department: d.Department, Filename: d.Filename}); err != nil {
				t.Fatal(err)
			}
		}
		from, err := s.DepartmentByName(ctx, "330100", "市语委办")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergeDepartment(ctx, from.ID, "市教育局", "wang"); err != nil {
			t.Fatalf("merge 市语委办 into 市教育局: %v", err)
		}

		if err := s.HandInLinked(ctx, tasks["1.1.1"], "D1", Submission{User: "wang", Role: RoleCoordinator, Department: "市语委办",
			Filename: "杭州市语言文字工作实施方案（确认以此提交）.txt"}); err != nil {
			t.Fatalf("确认以此提交 with the name read before the merge: %v", err)
		}
		upload := newDoc("D3", "cc")
		upload.UploadedBy, upload.Filename = "wang", "推普周活动方案.txt"
		if err := s.CreateDocument(ctx, upload, Submission{User: "wang", Role: RoleCoordinator, Department: "市语委办",
			Filename: upload.Filename, Assignment: tasks["1.1.2"]}); err != nil {
			t.Fatalf("the coordinator's upload for 市语委办's task after the merge: %v", err)
		}
		if err := s.AddSubmission(ctx, Submission{DocumentID: "D3", User: "wang", Role: RoleCoordinator, Department: "市语委办",
			Filename: "推普周活动方案（再次提交）.txt", Assignment: tasks["1.1.2"]}); err != nil {
			t.Fatalf("the same bytes sent again for the task after the merge: %v", err)
		}
		if _, err := s.ReplaceOriginal(ctx, "D2", Replacement{SHA256: "dd", Size: 10, MIME: "text/plain", Format: "txt",
			Filename: "普通话推广工作总结（重新扫描）.txt", By: "yuwei", Role: RoleContributor, Department: "市语委办"}); err != nil {
			t.Fatalf("the contributor's replacement after the merge: %v", err)
		}
		for _, c := range []struct{ doc, filename string }{{"D1", "杭州市语言文字工作实施方案（确认以此提交）.txt"}, {"D3", upload.Filename},
			{"D3", "推普周活动方案（再次提交）.txt"}, {"D2", "普通话推广工作总结（重新扫描）.txt"}} {
			subs, err := s.Submissions(ctx, c.doc)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, sub := range subs {
				if sub.Filename == c.filename {
					found = true
					if sub.Department != "市教育局" {
						t.Errorf("%s's hand-in %s filed under %q after the merge, want 市教育局", c.doc, c.filename, sub.Department)
					}
				}
			}
			if !found {
				t.Errorf("%s: no hand-in %s among %+v", c.doc, c.filename, subs)
			}
		}
	})
}

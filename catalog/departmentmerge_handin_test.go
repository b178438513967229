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

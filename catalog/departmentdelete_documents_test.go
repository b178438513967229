package catalog

import (
	"context"
	"testing"
)

// TestDeletedDepartmentIsNotFiledUnder: on both catalogs, an upload and
// an edit check 市教育局第一科 against 杭州's list (ListedDepartment, as the
// services do before they write), and the coordinator deletes it from the
// list before they write: nothing named it yet. The document's write then
// finds the department gone in its own transaction and is refused on the
// 责任单位 field, so that no document is filed under a department no
// longer on the list. The uploader's own department, off the list, and a
// document's 责任单位 kept as it was still pass, as does an edit by a
// caller that took no name from the list (DepartmentListed unset).
func TestDeletedDepartmentIsNotFiledUnder(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, name := range []string{"市教育局", "市教育局第一科", "市教育局第二科"} {
			if _, err := s.AddDepartment(ctx, "330100", name, "wang"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateUser(ctx, &User{Username: "zhang", Role: RoleCoordinator, City: "330100", Department: "市委宣传部"}, "x", "admin"); err != nil {
			t.Fatal(err)
		}
		checkThenDelete := func(name string) string {
			t.Helper()
			listed, err := s.ListedDepartment(ctx, "330100", name)
			if err != nil {
				t.Fatalf("check %s: %v", name, err)
			}
			d, err := s.DepartmentByName(ctx, "330100", listed)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteDepartment(ctx, d.ID, "wang"); err != nil {
				t.Fatalf("delete %s, which nothing names yet: %v", listed, err)
			}
			return listed
		}

		doc := newDoc("D1", "aa")
		doc.Department = checkThenDelete("教育局第一科")
		err := s.CreateDocument(ctx, doc, Submission{User: "zhang", Filename: "通知.txt"})
		if ErrorCode(err) != EINVALID || ErrorField(err) != "department" {
			t.Fatalf("upload filed under 市教育局第一科, deleted after the check: %v, want EINVALID on department", err)
		}
		if _, err := s.Document(ctx, "D1"); !IsNotFound(err) {
			t.Errorf("the refused upload was stored: %v", err)
		}

		doc = newDoc("D2", "bb")
		doc.Department = "市教育局"
		if err := s.CreateDocument(ctx, doc, Submission{User: "zhang", Filename: "方案.txt"}); err != nil {
			t.Fatal(err)
		}
		name := checkThenDelete("市教育局第二科")
		_, err = s.UpdateDocument(ctx, "D2", DocumentPatch{Department: &name, DepartmentListed: true}, "wang")
		if ErrorCode(err) != EINVALID || ErrorField(err) != "department" {
			t.Fatalf("edit onto 市教育局第二科, deleted after the check: %v, want EINVALID on department", err)
		}
		if d, err := s.Document(ctx, "D2"); err != nil || d.Department != "市教育局" {
			t.Errorf("D2 after the refused edit: %+v %v, want 市教育局", d, err)
		}

		own := newDoc("D3", "cc")
		own.Department, own.UploadedBy = "市委宣传部", "zhang"
		if err := s.CreateDocument(ctx, own, Submission{User: "zhang", Department: "市委宣传部", Filename: "报告.txt"}); err != nil {
			t.Fatalf("upload filed under the uploader's own department, off the list: %v", err)
		}
		kept, title := "市委宣传部", "2018年学习型城市建设工作总结"
		if _, err := s.UpdateDocument(ctx, "D3", DocumentPatch{Department: &kept, Title: &title, DepartmentListed: true}, "wang"); err != nil {
			t.Errorf("edit keeping D3's 责任单位 off the list: %v", err)
		}
		old := "区社区学院"
		if _, err := s.UpdateDocument(ctx, "D3", DocumentPatch{Department: &old}, "admin"); err != nil {
			t.Errorf("edit by a caller that took no name from the list: %v", err)
		}
	})
}

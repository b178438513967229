package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestDepartmentsNothingRefersToAreRemovable: 杭州's list holds a name an
// earlier import wrote wrongly (市教育局、市人社局 as one department), one
// with stray spaces, a department with a task, one with an account and
// one with evidence filed under it. The list marks as removable only
// those nothing refers to; deleting one that is referred to is refused,
// in Chinese and English, naming its tasks, its accounts or its files,
// and the wrong names are deleted.
func TestDepartmentsNothingRefersToAreRemovable(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	if _, err := s.Add(ctx, coordA, assignments.NewAssignment{City: hangzhou, Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-03-31"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"市教育局、市人社局", "市 文明办 ", "市妇联"} {
		if _, err := e.Catalog.AddDepartment(ctx, hangzhou, name, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	e.AddUserIn("fulian", "contributor", hangzhou, "市妇联")
	if _, err := e.Catalog.AddDepartment(ctx, hangzhou, "市民政局", "wang"); err != nil {
		t.Fatal(err)
	}
	st, err := e.Ingest.Stage(strings.NewReader("市民政局关于推进老年教育工作的总结。"), "老年教育工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.Ingest.Upload(ctx, coordA, ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou, DocType: "work_summary",
		Department: "民政局"}, Files: []*ingest.Staged{st}})
	st.Remove()
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload filed under 市民政局: %v %v", err, out)
	}

	list, err := s.Departments(ctx, coordA, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, d := range list {
		ids[d.Name] = d.ID
		want := d.Name == "市教育局、市人社局" || d.Name == "市 文明办"
		if d.Removable() != want {
			t.Errorf("%s (tasks %d, accounts %d, hand-ins %d): removable %v, want %v", d.Name, d.Assignments, d.Accounts, d.HandIns, d.Removable(), want)
		}
	}
	for _, tt := range []struct{ name, says, english string }{
		{"市教育局", "1 项责任分解任务（2018 2.3.1）", "1 task (2018 2.3.1)"},
		{"市妇联", "1 个账号（fulian）", "1 account (fulian)"},
		{"市民政局", "1 份提交的佐证材料（老年教育工作总结.txt）", "1 file of evidence handed in (老年教育工作总结.txt)"},
	} {
		err := s.DeleteDepartment(ctx, coordA, ids[tt.name])
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "责任单位“"+tt.name+"”仍有 "+tt.says) ||
			!strings.Contains(catalog.MessageIn(err, true), tt.english) {
			t.Errorf("deleting %s: %v (%s), want EINVALID naming %s", tt.name, err, catalog.MessageIn(err, true), tt.says)
		}
	}
	for _, name := range []string{"市教育局、市人社局", "市 文明办"} {
		if err := s.DeleteDepartment(ctx, coordA, ids[name]); err != nil {
			t.Errorf("deleting %s, which nothing refers to: %v", name, err)
		}
	}
	if list, _ = s.Departments(ctx, coordA, hangzhou); len(list) != 3 {
		t.Errorf("after the deletions the list holds %+v, want 市教育局, 市妇联 and 市民政局", list)
	}
}

// TestReimportOffersTheCombinedDepartment: an earlier import took the
// cell 市教育局、市人社局 as one department, with a task. The table imported
// again names 市教育局 and 市人社局 apart: the import offers the combined
// name for removal (its only task is one the table no longer lists, with
// nothing handed in), not a combined name an account belongs to, nor one
// whose parts the table does not all name (市教育局、市民政局).
func TestReimportOffersTheCombinedDepartment(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	if _, err := e.Catalog.ImportAssignments(ctx, hangzhou, 2018, []catalog.AssignmentRow{
		{Indicator: "2.3.1", Department: "市教育局、市人社局", Due: "2018-03-31"}}, "wang"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"市教育局、市民政局", "市人社局，市教育局"} {
		if _, err := e.Catalog.AddDepartment(ctx, hangzhou, name, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	e.AddUserIn("hebing", "contributor", hangzhou, "市人社局，市教育局")
	imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n2.3.1,市教育局、市人社局,2018-03-31\n")})
	if err != nil {
		t.Fatal(err)
	}
	var offered []string
	for _, d := range imp.Combined {
		offered = append(offered, d.Name)
	}
	if strings.Join(offered, "|") != "市教育局、市人社局" || len(imp.NotInTable) != 1 || imp.NotInTable[0].Department != "市教育局、市人社局" {
		t.Fatalf("re-import offers %q for removal (tasks not in the table: %+v), want only 市教育局、市人社局", offered, imp.NotInTable)
	}
	// Removed with remove_missing, the task leaves the name with nothing
	// referring to it: offered all the same, and deleted.
	imp, err = s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n2.3.1,市教育局、市人社局,2018-03-31\n"), RemoveMissing: true})
	if err != nil || len(imp.Combined) != 1 || len(imp.Removed) != 1 {
		t.Fatalf("re-import removing the tasks not in the table: %+v %v, want 市教育局、市人社局 offered", imp, err)
	}
	if err := s.DeleteDepartment(ctx, coordA, imp.Combined[0].ID); err != nil {
		t.Errorf("deleting the combined name offered: %v", err)
	}
}

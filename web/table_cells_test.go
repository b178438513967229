package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

var (
	hiddenIDs         = regexp.MustCompile(`name="id" value="([0-9A-Z]+)"`)
	hiddenDepartments = regexp.MustCompile(`name="department" value="([0-9A-Z]+)"`)
)

// TestCorrectedTableOffersToRemoveWhatItLeavesOut: a task an earlier,
// wrong import left (1.1.2 for "市教育局、市人力社保局" as one department)
// and 2.3.1, which 市教育局 handed in for, are not in the corrected table
// (1.1.2's cell naming both departments, each now a task). The import
// asks whether to remove the first, naming it, and names the second as
// kept, and offers to remove the combined name from the list of
// departments, nothing referring to it but that task; confirmed, the
// board says both were removed, and they are gone while the task with a
// hand-in stays. The summary names new departments
// 、-joined and says the 配合单位 column was not imported.
func TestCorrectedTableOffersToRemoveWhatItLeavesOut(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, handed := departmentWithATask(t, s)
	if resp, body := dept.handIn(handed, "学分银行总结.txt", "杭州市学分银行建设工作总结"); resp.StatusCode != http.StatusOK {
		t.Fatalf("市教育局 hands in: %d %.500s", resp.StatusCode, textOf(body))
	}
	// As an import before cells were split made it.
	before, err := s.env.Catalog.ImportAssignments(ctx, "330100", 2018, []catalog.AssignmentRow{{Indicator: "1.1.2",
		Department: "市教育局、市人力社保局", Due: "2018-06-30"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	wrong := before.Assignments[0]
	wang := s.login("wang")
	table := []byte("杭州市学习型城市建设监测责任分解表,,,,\n指标编码,牵头单位,配合单位,完成时限,联系人\n" +
		"1.1.2,\"市教育局、市人力社保局\",各区、县（市）政府,2018年12月底,钱力\n")
	r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
		map[string][]byte{"责任分解表.csv": table})
	page := html.UnescapeString(textOf(r.body))
	for _, want := range []string{"新增 2 项", "新加入责任单位名单：市人力社保局", "“配合单位”列未导入",
		"1.1.2 市教育局、市人力社保局（截止 2018-06-30）", "不会删除：2.3.1 市教育局（截止 2099-03-31）", "删除这些任务",
		"是否从责任单位名单中删除", "责任单位“市教育局、市人力社保局”（已拆分填写）"} {
		if !strings.Contains(page, want) {
			t.Errorf("the import's answer lacks %q:\n%.1500s", want, page)
		}
	}
	ids := hiddenIDs.FindAllStringSubmatch(r.body, -1)
	if r.resp.StatusCode != http.StatusOK || len(ids) != 1 || ids[0][1] != wrong.ID {
		t.Fatalf("the confirmation: %d, ids %q, want the wrong task's %s alone", r.resp.StatusCode, ids, wrong.ID)
	}
	depts := hiddenDepartments.FindAllStringSubmatch(r.body, -1)
	if len(depts) != 1 || depts[0][1] != wrong.DepartmentID {
		t.Fatalf("the confirmation offers departments %q, want the combined name's %s alone", depts, wrong.DepartmentID)
	}
	resp, body := wang.post("/assignments/remove-missing", url.Values{"id": {wrong.ID}, "department": {wrong.DepartmentID},
		"next": {"/assignments?round=2018"}})
	if said := html.UnescapeString(textOf(body)); resp.StatusCode != http.StatusOK || !strings.Contains(said, "已删除 1 项不在责任分解表中的任务：1.1.2 市教育局、市人力社保局") ||
		!strings.Contains(said, "已从责任单位名单中删除：市教育局、市人力社保局") {
		t.Errorf("after confirming: %d %.800s", resp.StatusCode, said)
	}
	if _, err := s.env.Catalog.Department(ctx, wrong.DepartmentID); !catalog.IsNotFound(err) {
		t.Errorf("the combined name is still on the list: %v", err)
	}
	left, err := s.env.Catalog.FindAssignments(ctx, catalog.AssignmentFilter{City: "330100", Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range left {
		got = append(got, a.Indicator+" "+a.Department)
	}
	slices.Sort(got)
	if want := []string{"1.1.2 市人力社保局", "1.1.2 市教育局", "2.3.1 市教育局"}; !slices.Equal(got, want) {
		t.Errorf("the round's tasks %q, want %q", got, want)
	}
}

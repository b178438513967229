package assignments_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/assignments"
)

// missingSheet imports rows into 杭州's round 2018 and returns the
// missing-materials sheet as the coordinator downloads it, read back
// with excelize, and the framework's wording for each owed indicator.
func missingSheet(t *testing.T, s *assignments.Service, rows [][]string) ([][]string, map[string]string) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xlsx", Data: xlsxOf(t, rows)}); err != nil {
		t.Fatalf("import: %v", err)
	}
	tasks, err := s.Missing(ctx, coordA, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	info := map[string]string{}
	for _, task := range tasks {
		info[task.Indicator] = task.IndicatorInfo
	}
	data, err := assignments.MissingXLSX(tasks, false)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the missing list does not open as XLSX: %v", err)
	}
	defer f.Close()
	sheet, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return sheet, info
}

// TestMissingXLSXSaysTheTasksOwnRequirement: where a task has its own
// 材料要求, the missing-materials list says that is what to provide, not
// the framework's 信息性质说明; a task without one shows the framework's
// wording marked as such, and the heading says which the column holds.
func TestMissingXLSXSaysTheTasksOwnRequirement(t *testing.T) {
	_, s := newService(t)
	const credit = "学分银行相关政策文件及实施情况"
	rows, info := missingSheet(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "联系人", "材料要求"},
		{"2.3.1", "市教育局", "2099-03-31", "张老师", credit},
		{"3.1.1", "市教育局", "2099-05-31", "张老师", ""}})
	if len(rows) != 3 {
		t.Fatalf("rows %v, want the header and 2.3.1, 3.1.1", rows)
	}
	if got, want := rows[0][4], "材料要求（未写明的为指标的信息性质说明）"; got != want {
		t.Errorf("with one task's requirement and one without, the column is headed %q, want %q", got, want)
	}
	cells := map[string]string{}
	for _, r := range rows[1:] {
		cells[r[2]] = r[4]
	}
	if cells["2.3.1"] != credit {
		t.Errorf("2.3.1 asks for %q, want the table's 材料要求 %q, not the framework's %q", cells["2.3.1"], credit, info["2.3.1"])
	}
	if want := "（信息性质说明）" + info["3.1.1"]; info["3.1.1"] == "" || cells["3.1.1"] != want {
		t.Errorf("3.1.1, without a requirement, asks for %q, want %q", cells["3.1.1"], want)
	}

	rows, _ = missingSheet(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "联系人", "材料要求"},
		{"2.3.1", "市教育局", "2099-03-31", "张老师", credit},
		{"3.1.1", "市教育局", "2099-05-31", "张老师", "社区学校名录及2018年度培训台账"}})
	if rows[0][4] != "材料要求" {
		t.Errorf("every task with its own requirement: the column is headed %q, want 材料要求", rows[0][4])
	}
	for _, r := range rows[1:] {
		if r[2] == "3.1.1" && r[4] != "社区学校名录及2018年度培训台账" {
			t.Errorf("3.1.1 asks for %q, want its new requirement", r[4])
		}
	}
}

// TestMissingXLSXDueColumnIsNotWidened: the wide columns are the
// indicator's name and what to provide (D, E); the due date beside them
// (F, 2099-03-31) keeps a date's width rather than push 状态 and 退回原因
// off the screen.
func TestMissingXLSXDueColumnIsNotWidened(t *testing.T) {
	data, err := assignments.MissingXLSX([]assignments.Task{{}}, false)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if head, _ := f.GetCellValue(sheet, "F1"); head != "截止日期" {
		t.Fatalf("column F is %q, want 截止日期", head)
	}
	for col, wide := range map[string]bool{"D": true, "E": true, "F": false} {
		w, err := f.GetColWidth(sheet, col)
		if err != nil {
			t.Fatal(err)
		}
		if (w >= 40) != wide {
			t.Errorf("column %s is %.0f wide; want wide %v", col, w, wide)
		}
	}
}

// TestMissingXLSXMarksARemarkAsOne: a requirement read from the table's
// 备注 (for want of a 材料要求 column) is marked （备注） in the list, as
// the pages label it 备注, not passed off as what the city asked for.
func TestMissingXLSXMarksARemarkAsOne(t *testing.T) {
	_, s := newService(t)
	const note = "请附活动照片及签到表扫描件"
	rows, _ := missingSheet(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "联系人", "备注"},
		{"2.3.1", "市教育局", "2099-03-31", "张老师", note}})
	if len(rows) != 2 {
		t.Fatalf("rows %v, want the header and 2.3.1", rows)
	}
	if got, want := rows[1][4], "（备注）"+note; got != want {
		t.Errorf("2.3.1's requirement from 备注 reads %q in the list, want %q", got, want)
	}
}

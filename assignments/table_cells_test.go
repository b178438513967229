package assignments_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

func TestSplitDepartments(t *testing.T) {
	for _, tt := range []struct {
		cell string
		want []string
	}{
		{"市教育局", []string{"市教育局"}},
		{"市教育局、市人力社保局", []string{"市教育局", "市人力社保局"}},
		{"市财政局\n市教育局", []string{"市财政局", "市教育局"}},
		{"市财政局\r\n 市教育局 ", []string{"市财政局", "市教育局"}},
		{"市委宣传部，市文明办,市统计局", []string{"市委宣传部", "市文明办", "市统计局"}},
		{"市民政局；市妇联;团市委", []string{"市民政局", "市妇联", "团市委"}},
		{"市科协/市总工会", []string{"市科协", "市总工会"}},
		{"市教育局 市人力社保局\u3000市财政局", []string{"市教育局", "市人力社保局", "市财政局"}},
		{"各区、县（市）政府", []string{"各区、县（市）政府"}},
		{"市教育局、各区、县（市）政府", []string{"市教育局", "各区、县（市）政府"}},
		{"各区（县、市）政府、市发改委", []string{"各区（县、市）政府", "市发改委"}},
		{"市教育局（职成教处、高教处）", []string{"市教育局（职成教处、高教处）"}},
		{"市教育局、市教育局", []string{"市教育局"}},
		{" 、 ", nil},
		// A space parts Chinese names, not the words of a Latin one.
		{"市教育局 市文广新局", []string{"市教育局", "市文广新局"}},
		{"Education Bureau", []string{"Education Bureau"}},
		{" Education  Bureau\u3000", []string{"Education Bureau"}},
		{"Education Bureau、Culture Bureau", []string{"Education Bureau", "Culture Bureau"}},
		{"Education Bureau, Culture Bureau", []string{"Education Bureau", "Culture Bureau"}},
		{"Education Bureau\nCulture Bureau", []string{"Education Bureau", "Culture Bureau"}},
		{"Dept. of Culture 市统计局", []string{"Dept. of Culture", "市统计局"}},
		{"市教育局（Education Bureau） 市文广新局", []string{"市教育局（Education Bureau）", "市文广新局"}},
		{"市教育局 Education Bureau", []string{"市教育局", "Education Bureau"}},
		{"No.2 Middle School", []string{"No.2 Middle School"}},
	} {
		if got := assignments.SplitDepartments(tt.cell); !slices.Equal(got, tt.want) {
			t.Errorf("SplitDepartments(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}
}

func TestParseDueIn(t *testing.T) {
	for _, tt := range []struct {
		due  string
		year int
		want string // "" not read
	}{
		{"2018-03-31", 2018, "2018-03-31"},
		{"2018/3/31", 2018, "2018-03-31"},
		{"2018.3.31", 2018, "2018-03-31"},
		{"2018年3月31日", 2018, "2018-03-31"},
		{"2026年12月底", 2018, "2026-12-31"},
		{"2024年2月底", 2018, "2024-02-29"},
		{"2026年6月末", 2018, "2026-06-30"},
		{"2026年底", 2018, "2026-12-31"},
		{"12月31日", 2026, "2026-12-31"},
		{"6月30日", 2019, "2019-06-30"},
		{"12-31", 2026, "2026-12-31"},
		{"3/31", 2018, "2018-03-31"},
		{"9月底", 2019, "2019-09-30"},
		// Without a round, a date without its year is not guessed.
		{"12月31日", 0, ""},
		{"9月底", 0, ""},
		{"2026年13月底", 2018, ""},
		{"2月30日", 2018, ""},
		{"下月底", 2018, ""},
		{"年底前", 2018, ""},
	} {
		got, ok := assignments.ParseDueIn(tt.due, tt.year)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("ParseDueIn(%q, %d) = %q, %v; want %q", tt.due, tt.year, got, ok, tt.want)
		}
	}
}

// cityTable is a responsibility table as a city writes it in Excel: a
// title merged across the row, a 填报单位 line, headings 序号|指标编码|
// 关键指标|牵头单位|配合单位|完成时限|联系人及电话, cells merged as
// the caller asks (1.1.1's code and date over its two rows), several 牵头单位 in one cell (、 and a
// line break), due dates as offices write them.
func cityTable(t *testing.T, rows [][]string, merged ...[2]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]string{{"杭州市学习型城市建设监测责任分解表"}, {"填报单位：市学习办"},
		{"序号", "指标编码", "关键指标", "牵头单位", "配合单位", "完成时限", "联系人及电话"}}, rows...)
	for i, r := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range append([][2]string{{"A1", "G1"}}, merged...) {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportSplitsDepartmentsOfOneCell: 1.1.2's cell names 市教育局 and
// 市人力社保局, 2.3.1's 市财政局 and 市教育局 on two lines: each
// department gets its own task, and the 责任单位名单 gains 市人力社保局
// and 市财政局, never a name holding 、 or a line break. 各区、县（市）政府
// stays one department. The 配合单位 column is not imported and the
// import says so; 完成时限 2026年12月底 and 12月31日 (the round's year)
// are read.
func TestImportSplitsDepartmentsOfOneCell(t *testing.T) {
	ctx := context.Background()
	_, s := newService(t)
	data := cityTable(t, [][]string{
		{"1", "1.1.1", "市委市政府出台推进学习型城市建设的决定", "市委办公厅", "市政府办公厅", "2018年12月底", "赵敏 0571-85250001"},
		{"2", "", "", "市统计局", "", "", ""},
		{"3", "1.1.2", "", "市教育局、市人力社保局", "各区、县（市）政府", "2018.12.31", "钱力"},
		{"4", "2.3.1", "", "市财政局\n市教育局", "", "12月31日", "孙丽"},
		{"5", "3.1.1", "", "各区、县（市）政府", "", "6-30", ""},
	}, [2]string{"B4", "B5"}, [2]string{"F4", "F5"}, [2]string{"G4", "G5"})
	imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xlsx", Data: data})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	var got []string
	for _, a := range imp.Assignments {
		got = append(got, a.Indicator+" "+a.Department+" "+a.Due)
	}
	slices.Sort(got)
	want := []string{"1.1.1 市委办公厅 2018-12-31", "1.1.1 市统计局 2018-12-31", "1.1.2 市人力社保局 2018-12-31", "1.1.2 市教育局 2018-12-31",
		"2.3.1 市教育局 2018-12-31", "2.3.1 市财政局 2018-12-31", "3.1.1 各区、县（市）政府 2018-06-30"}
	if !slices.Equal(got, want) {
		t.Errorf("tasks %q, want %q", got, want)
	}
	for _, d := range imp.NewDepartments {
		if strings.ContainsAny(d, "、\n") && d != "各区、县（市）政府" {
			t.Errorf("a department named %q went onto the list", d)
		}
	}
	if !slices.Contains(imp.NewDepartments, "市人力社保局") || !slices.Contains(imp.NewDepartments, "市财政局") {
		t.Errorf("new departments %q lack 市人力社保局 or 市财政局", imp.NewDepartments)
	}
	if !slices.Equal(imp.IgnoredColumns, []string{"配合单位"}) {
		t.Errorf("ignored columns %q, want the 配合单位 column named", imp.IgnoredColumns)
	}
}

// TestSplitCellRepeatingARowIsNamed: a department named in a cell of
// several that another row gives the same indicator is the row's mistake.
func TestSplitCellRepeatingARowIsNamed(t *testing.T) {
	_, s := newService(t)
	data := cityTable(t, [][]string{
		{"1", "1.1.2", "", "市教育局", "", "2018-12-31", ""},
		{"2", "1.1.3", "", "市民政局", "", "2018-12-31", ""},
		{"3", "1.1.2", "", "市财政局、市教育局", "", "2018-12-31", ""},
		{"4", "1.1.3", "", "市统计局", "", "明年", ""},
	})
	_, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xlsx", Data: data})
	msg := catalog.ErrorMessage(err)
	for _, want := range []string{"第 6 行：与第 4 行重复", "第 7 行：截止日期", "2018年3月底", "按本轮 2018 年"} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal lacks %q:\n%s", want, msg)
		}
	}
}

// TestReimportNamesTasksNotInTheTable: the first import left 1.1.2 with
// the one department "市教育局、市人力社保局" (as before the split) and
// 2.3.1 with 市教育局, who handed in for it. The corrected table lists
// neither: importing it names both as not in the table and removes
// nothing; asked to remove them, it removes the wrong task and keeps the
// one with a hand-in, named.
func TestReimportNamesTasksNotInTheTable(t *testing.T) {
	ctx := context.Background()
	corrected := cityTable(t, [][]string{
		{"1", "1.1.2", "", "市教育局、市人力社保局", "", "2018-12-31", ""},
		{"2", "3.1.1", "", "市教育局", "", "2018-12-31", ""},
	})
	for _, remove := range []bool{false, true} {
		t.Run(map[bool]string{false: "只列出", true: "删除不在表中的任务"}[remove], func(t *testing.T) {
			e, s := newService(t)
			// As an import before cells were split made it: one
			// department named by the whole cell.
			before, err := e.Catalog.ImportAssignments(ctx, hangzhou, 2018, []catalog.AssignmentRow{{Indicator: "1.1.2",
				Department: "市教育局、市人力社保局", Due: "2018-06-30"}}, "wang")
			if err != nil {
				t.Fatal(err)
			}
			wrong := before.Assignments[0]
			handed, err := s.Add(ctx, coordA, assignments.NewAssignment{City: hangzhou, Round: 2018, Indicator: "2.3.1",
				Department: "市教育局", Due: "2018-06-30"})
			if err != nil {
				t.Fatal(err)
			}
			handIn(t, e, jiaoyu, handed.ID, "学分银行通知.txt", "杭州市学分银行建设通知。")
			imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xlsx",
				Data: corrected, RemoveMissing: remove})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			ids := func(as []catalog.Assignment) []string {
				var out []string
				for _, a := range as {
					out = append(out, a.ID)
				}
				slices.Sort(out)
				return out
			}
			wantLeft, wantRemoved := []string{wrong.ID, handed.ID}, []string(nil)
			if remove {
				wantLeft, wantRemoved = []string{handed.ID}, []string{wrong.ID}
			}
			slices.Sort(wantLeft)
			if got := ids(imp.NotInTable); !slices.Equal(got, wantLeft) {
				t.Errorf("not in the table %q, want %q", got, wantLeft)
			}
			if got := ids(imp.Removed); !slices.Equal(got, wantRemoved) {
				t.Errorf("removed %q, want %q", got, wantRemoved)
			}
			_, err = s.Get(ctx, coordA, wrong.ID)
			if gone := catalog.IsNotFound(err); gone != remove {
				t.Errorf("wrong task gone %v (%v), want %v", gone, err, remove)
			}
			if _, err := s.Get(ctx, coordA, handed.ID); err != nil {
				t.Errorf("the task with a hand-in: %v", err)
			}
		})
	}
}

// TestAddingATaskForSeveralDepartmentsIsRefused: the add-a-task form
// takes one department; several typed in its field are refused on it,
// naming them, and no department "市教育局、市人力社保局" is made.
func TestAddingATaskForSeveralDepartmentsIsRefused(t *testing.T) {
	e, s := newService(t)
	_, err := s.Add(context.Background(), coordA, assignments.NewAssignment{City: hangzhou, Round: 2018, Indicator: "1.1.2",
		Department: "市教育局、市人力社保局", Due: "2018-06-30"})
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "所填的是 2 个（市教育局、市人力社保局）") {
		t.Fatalf("adding a task for two departments: %v", err)
	}
	if list, _ := e.Catalog.FindAssignments(context.Background(), catalog.AssignmentFilter{City: hangzhou}); len(list) != 0 {
		t.Errorf("a refused task stored %d tasks", len(list))
	}
}

package assignments_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// requirementOf imports table (an XLSX) into 杭州's round 2018 and
// returns what the import did and 市教育局's tasks by indicator, as the
// department's contributor lists them.
func requirementOf(t *testing.T, s *assignments.Service, rows [][]string) (*catalog.AssignmentImport, map[string]assignments.Task) {
	t.Helper()
	ctx := context.Background()
	imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xlsx", Data: xlsxOf(t, rows)})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	list, err := s.List(ctx, jiaoyu, assignments.Filter{Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]assignments.Task{}
	for _, task := range list {
		out[task.Indicator] = task
	}
	return imp, out
}

// TestTableRequirementReachesTheTask: a responsibility table's 材料要求
// column is what the department's task asks for, beside the framework's
// wording for the indicator; a corrected table replaces it, an empty cell
// clears it, and a table without the column leaves it as it was.
func TestTableRequirementReachesTheTask(t *testing.T) {
	_, s := newService(t)
	const credit = "学分银行相关政策文件及实施情况"
	imp, tasks := requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "材料要求（请列明）"},
		{"2.3.1", "市教育局", "2018-03-31", " " + credit + " "},
		{"2.3.2", "市教育局", "2018-03-31", "终身学习卡发卡文件\n\n  学习档案系统截图"},
		{"3.1.1", "市教育局", "2018-03-31", ""}})
	if imp.RequirementColumn != "材料要求（请列明）" {
		t.Errorf("requirement column %q, want the heading as written", imp.RequirementColumn)
	}
	for code, want := range map[string]string{"2.3.1": credit, "2.3.2": "终身学习卡发卡文件\n学习档案系统截图", "3.1.1": ""} {
		if got := tasks[code]; got.Requirement != want {
			t.Errorf("task %s asks for %q, want %q", code, got.Requirement, want)
		}
	}
	if info := tasks["2.3.1"].IndicatorInfo; info != "制度文件、试点方案、典型案例" {
		t.Errorf("task 2.3.1's indicator info %q, want the framework's kept beside the city's", info)
	}

	const corrected = "学分银行管理办法及2018年度学分认定情况"
	imp, tasks = requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "材料要求"},
		{"2.3.1", "市教育局", "2018-03-31", corrected},
		{"2.3.2", "市教育局", "2018-03-31", ""},
		{"3.1.1", "市教育局", "2018-03-31", ""}})
	if imp.Updated != 2 || imp.Unchanged != 1 {
		t.Errorf("re-import of a corrected table: %d updated, %d unchanged; want 2 and 1", imp.Updated, imp.Unchanged)
	}
	if got := tasks["2.3.1"].Requirement; got != corrected {
		t.Errorf("after the corrected table, 2.3.1 asks for %q, want %q", got, corrected)
	}
	if got := tasks["2.3.2"].Requirement; got != "" {
		t.Errorf("an emptied cell left 2.3.2 asking for %q", got)
	}

	imp, tasks = requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期"}, {"2.3.1", "市教育局", "2018-03-31"}})
	if imp.RequirementColumn != "" || imp.Unchanged != 1 {
		t.Errorf("a table without the column: column %q, %d unchanged; want none and 1", imp.RequirementColumn, imp.Unchanged)
	}
	if got := tasks["2.3.1"].Requirement; got != corrected {
		t.Errorf("a table without the column changed 2.3.1's requirement to %q, want it kept as %q", got, corrected)
	}
}

// TestTableWithoutRequirementKeepsTheFrameworksWording: a task imported
// from a table that says nothing of the material has no requirement of
// its own; the framework's wording for its indicator is what it shows.
func TestTableWithoutRequirementKeepsTheFrameworksWording(t *testing.T) {
	_, s := newService(t)
	imp, tasks := requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "联系人"}, {"2.3.1", "市教育局", "2018-03-31", "张老师"}})
	task := tasks["2.3.1"]
	if imp.RequirementColumn != "" || task.Requirement != "" || task.IndicatorInfo != "制度文件、试点方案、典型案例" {
		t.Errorf("column %q, requirement %q, info %q; want none, none and the framework's", imp.RequirementColumn, task.Requirement, task.IndicatorInfo)
	}
}

// TestRequirementHeadings: the column is found by the words cities give
// it, and 备注 only where no column names the material.
func TestRequirementHeadings(t *testing.T) {
	for _, tt := range []struct {
		name    string
		heading []string
		row     []string
		want    string
	}{
		{"信息性质说明", []string{"信息性质说明"}, []string{"学分银行制度文件"}, "学分银行制度文件"},
		{"佐证材料要求", []string{"*佐证材料要求"}, []string{"学分银行制度文件"}, "学分银行制度文件"},
		{"报送材料", []string{"报送材料"}, []string{"学分银行制度文件"}, "学分银行制度文件"},
		{"English", []string{"requirement"}, []string{"学分银行制度文件"}, "学分银行制度文件"},
		{"备注 alone", []string{"备注"}, []string{"学分银行制度文件"}, "学分银行制度文件"},
		{"备注 beside 材料要求", []string{"备注", "材料要求"}, []string{"请于月底前报送", "学分银行制度文件"}, "学分银行制度文件"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, s := newService(t)
			_, tasks := requirementOf(t, s, [][]string{append([]string{"指标编码", "责任单位", "截止日期"}, tt.heading...),
				append([]string{"2.3.1", "市教育局", "2018-03-31"}, tt.row...)})
			if got := tasks["2.3.1"].Requirement; got != tt.want {
				t.Errorf("requirement %q, want %q", got, tt.want)
			}
		})
	}
}

// TestEmptyRemarkKeepsTheRequirement: 备注 is read as the requirement
// only for want of a 材料要求 column, and an empty 备注 says nothing of the
// material: a later table with its 备注 left blank (due dates revised)
// keeps what the earlier one asked for, where it cleared it. A 备注 that
// says something still replaces it.
func TestEmptyRemarkKeepsTheRequirement(t *testing.T) {
	_, s := newService(t)
	const credit = "学分银行相关政策文件及实施情况"
	requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "材料要求"},
		{"2.3.1", "市教育局", "2018-03-31", credit}, {"2.3.2", "市教育局", "2018-03-31", "终身学习卡发卡文件"}})
	_, tasks := requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "备注"},
		{"2.3.1", "市教育局", "2018-04-30", ""}, {"2.3.2", "市教育局", "2018-04-30", "学习档案系统截图"}})
	if got := tasks["2.3.1"].Requirement; got != credit {
		t.Errorf("a blank 备注 left 2.3.1 asking for %q, want %q kept", got, credit)
	}
	if got := tasks["2.3.2"].Requirement; got != "学习档案系统截图" {
		t.Errorf("a 备注 that names the material left 2.3.2 asking for %q, want it", got)
	}
}

// TestOverlongRequirementIsARowError: a cell far longer than any list of
// materials (a document pasted in) refuses the table, naming its row.
func TestOverlongRequirementIsARowError(t *testing.T) {
	e, s := newService(t)
	_, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xlsx",
		Data: xlsxOf(t, [][]string{{"指标编码", "责任单位", "截止日期", "材料要求"},
			{"2.3.1", "市教育局", "2018-03-31", "学分银行相关政策文件"},
			{"2.3.2", "市教育局", "2018-03-31", strings.Repeat("学习档案", 501)}})})
	var ie *assignments.ImportError
	if !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Row != 3 {
		t.Fatalf("import of an overlong requirement: %v, want row 3 refused", err)
	}
	if r := ie.Rows[0]; r.Reason != "材料要求有 2004 字，超过 2000 字的上限；请精简（详细说明可作为附件另行发给责任单位）后重新导入" ||
		!strings.Contains(r.English, "2004 characters, over the limit of 2000;") {
		t.Errorf("row 3: %q / %q", r.Reason, r.English)
	}
	if list, _ := e.Catalog.FindAssignments(context.Background(), catalog.AssignmentFilter{City: hangzhou}); len(list) != 0 {
		t.Errorf("a refused table stored %d tasks", len(list))
	}
}

// misdecoded is text as a UTF-8 file opened as Windows-1252 shows it.
func misdecoded(t *testing.T, text string) string {
	t.Helper()
	s, err := charmap.Windows1252.NewDecoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMisdecodedTableSaysSo: a UTF-8 CSV opened in LibreOffice as
// Windows-1252 and saved again (as XLSX, or as CSV in UTF-8) has no
// heading to find; the message says the text is garbled and how to save
// it, not that 指标编码 is missing.
func TestMisdecodedTableSaysSo(t *testing.T) {
	_, s := newService(t)
	var rows [][]string
	for _, line := range strings.Split("指标编码,责任单位,截止日期,材料要求\n2.3.1,市教育局,2018-03-31,学分银行相关政策文件及实施情况", "\n") {
		rows = append(rows, strings.Split(misdecoded(t, line), ","))
	}
	if !strings.HasPrefix(rows[0][0], "æŒ‡æ") {
		t.Fatalf("the heading reads %q, not as LibreOffice shows it", rows[0][0])
	}
	var csv strings.Builder
	for _, r := range rows {
		csv.WriteString(strings.Join(r, ",") + "\n")
	}
	for _, tt := range []struct{ file, data string }{
		{"责任分解表.xlsx", string(xlsxOf(t, rows))},
		{"责任分解表.csv", csv.String()},
	} {
		_, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: tt.file, Data: []byte(tt.data)})
		if got := catalog.ErrorMessage(err); got != "表格文字乱码（可能是 UTF-8 的 CSV 被当作其他编码打开），请以 UTF-8 编码重新保存后再导入" {
			t.Errorf("%s: %q", tt.file, got)
		}
		if en := catalog.MessageIn(err, true); en != "The table's text is garbled (perhaps a UTF-8 CSV was opened in another encoding); save it again in UTF-8, then import it" {
			t.Errorf("%s in English: %q", tt.file, en)
		}
	}
}

// TestRemarkIsARequirementOnlyWhereItAsks: a table without a 材料要求
// column gives its tasks the 备注 that reads as a list of material,
// marked as a 备注; a status word (已完成, 牵头单位), a telephone number or
// a date in the 备注 is no requirement and leaves the task's as it was,
// where it was shown to the department as 本市材料要求.
func TestRemarkIsARequirementOnlyWhereItAsks(t *testing.T) {
	const credit = "学分银行相关政策文件及实施情况"
	for _, tt := range []struct {
		remark   string
		want     string
		fromNote bool
	}{
		{"学习档案系统截图", "学习档案系统截图", true},
		{"请附终身学习卡发卡文件", "请附终身学习卡发卡文件", true},
		{"已完成", credit, false},
		{"完成。", credit, false},
		{"牵头", credit, false},
		{"牵头单位", credit, false},
		{"配合", credit, false},
		{"无", credit, false},
		{"—", credit, false},
		{"0574-87654321", credit, false},
		{"联系电话：0574-87654321", credit, false},
		{"2018年3月31日", credit, false},
		{"王老师\x1f13800138000", credit, false},
	} {
		t.Run(tt.remark, func(t *testing.T) {
			_, s := newService(t)
			requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "材料要求"}, {"2.3.1", "市教育局", "2018-03-31", credit}})
			_, tasks := requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "备注"}, {"2.3.1", "市教育局", "2018-04-30", tt.remark}})
			if got := tasks["2.3.1"]; got.Requirement != tt.want || got.RequirementFromRemark != tt.fromNote {
				t.Errorf("备注 %q: requirement %q (from the 备注: %v), want %q (%v)", tt.remark, got.Requirement, got.RequirementFromRemark, tt.want, tt.fromNote)
			}
		})
	}
}

// TestRemarkBecomesARequirementWhenAColumnNamesIt: the same text first
// given in 备注 and then in a 材料要求 column is the city's requirement
// the second time, not a 备注: the import counts the row as updated.
func TestRemarkBecomesARequirementWhenAColumnNamesIt(t *testing.T) {
	_, s := newService(t)
	const shot = "学习档案系统截图"
	_, tasks := requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "备注"}, {"2.3.1", "市教育局", "2018-03-31", shot}})
	if got := tasks["2.3.1"]; got.Requirement != shot || !got.RequirementFromRemark {
		t.Fatalf("from 备注: %q (from the 备注: %v), want %q marked as a 备注", got.Requirement, got.RequirementFromRemark, shot)
	}
	imp, tasks := requirementOf(t, s, [][]string{{"指标编码", "责任单位", "截止日期", "材料要求"}, {"2.3.1", "市教育局", "2018-03-31", shot}})
	if got := tasks["2.3.1"]; got.Requirement != shot || got.RequirementFromRemark || imp.Updated != 1 {
		t.Errorf("from 材料要求: %q (from the 备注: %v), %d updated; want %q as the city's requirement, 1 updated", got.Requirement, got.RequirementFromRemark, imp.Updated, shot)
	}
}

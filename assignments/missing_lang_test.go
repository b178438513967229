package assignments_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestMissingXLSXInTheUsersLanguage: the list of what is missing is
// written in the language the user reads the pages in: in English its
// sheet, headings, statuses, marks and the indicator's name and 信息性质说明
// where the framework has them in English; what the city's table and people wrote
// (责任单位, 联系人, 材料要求, 退回原因) stays as written; in Chinese as before.
func TestMissingXLSXInTheUsersLanguage(t *testing.T) {
	tasks := []assignments.Task{
		{Assignment: catalog.Assignment{Indicator: "2.3.1", Department: "市教育局", Contact: "张老师", Due: "2018-03-31",
			Status: catalog.AssignmentReturned, Reason: "缺少文号", Round: 2018, Requirement: "学分银行相关政策文件"},
			Overdue: true, IndicatorName: "学分银行", Linked: []string{"D1"}},
		{Assignment: catalog.Assignment{Indicator: "3.1.1", Department: "市教育局", Due: "2018-05-31", Status: catalog.AssignmentOpen, Round: 2018},
			IndicatorName: "社区教育", IndicatorNameEN: "Community education", IndicatorInfo: "社区学校名录", IndicatorInfoEN: "A list of community schools"},
	}
	for _, tt := range []struct {
		english       bool
		sheet, header string
		rows          []string
	}{
		{false, "未交材料", "责任单位|联系人|指标编码|关键指标|材料要求（未写明的为指标的信息性质说明）|截止日期|状态|退回原因|监测轮次|协调员已关联", []string{
			"市教育局|张老师|2.3.1|学分银行|学分银行相关政策文件|2018-03-31|已退回 ⚠ 逾期|缺少文号|2018|1 份佐证材料（不算部门提交）",
			"市教育局||3.1.1|社区教育|（信息性质说明）社区学校名录|2018-05-31|未提交||2018",
		}},
		{true, "Missing", "Department|Contact|Indicator code|Key indicator|Material required (where none is written, the indicator's nature of information)|Due|Status|Reason returned|Monitoring round|Linked by the coordinator", []string{
			"市教育局|张老师|2.3.1|学分银行|学分银行相关政策文件|2018-03-31|Returned ⚠ overdue|缺少文号|2018|1 document of evidence (not handed in by the department)",
			"市教育局||3.1.1|Community education|(nature of information) A list of community schools|2018-05-31|Open||2018",
		}},
	} {
		data, err := assignments.MissingXLSX(tasks, tt.english)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("english %v: the missing list does not open as XLSX: %v", tt.english, err)
		}
		if got := f.GetSheetName(0); got != tt.sheet {
			t.Errorf("english %v: sheet %q, want %q", tt.english, got, tt.sheet)
		}
		rows, err := f.GetRows(f.GetSheetName(0))
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, strings.Join(r, "|"))
		}
		want := append([]string{tt.header}, tt.rows...)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("english %v: rows\n%s\nwant\n%s", tt.english, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

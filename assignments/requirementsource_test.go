package assignments_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
)

// TestImportKeepsTheRequirementSource: a task keeps the heading of the
// column its requirement was read from, as the table writes it; a 备注
// that says nothing of the material leaves the requirement and its
// source as they were, a 备注 that does is the source (labelled 备注),
// and an emptied 材料要求 cell clears both.
func TestImportKeepsTheRequirementSource(t *testing.T) {
	_, s := newService(t)
	const credit, shots = "学分银行相关政策文件及实施情况", "学习档案系统截图"
	source := func(rows [][]string) (string, string, bool) {
		t.Helper()
		_, tasks := requirementOf(t, s, rows)
		got := tasks["2.3.1"]
		return got.Requirement, got.RequirementSource, got.RequirementFromRemark
	}
	if req, from, remark := source([][]string{{"指标编码", "责任单位", "截止日期", "佐证材料要求"}, {"2.3.1", "市教育局", "2018-03-31", credit}}); req != credit || from != "佐证材料要求" || remark {
		t.Fatalf("from 佐证材料要求: %q from %q (备注 %v)", req, from, remark)
	}
	if req, from, _ := source([][]string{{"指标编码", "责任单位", "截止日期", "备注"}, {"2.3.1", "市教育局", "2018-04-30", "已完成"}}); req != credit || from != "佐证材料要求" {
		t.Errorf("a 备注 of 已完成 left %q from %q; want %q from 佐证材料要求 kept", req, from, credit)
	}
	if req, from, remark := source([][]string{{"指标编码", "责任单位", "截止日期", "备注（说明）"}, {"2.3.1", "市教育局", "2018-04-30", shots}}); req != shots || from != "备注（说明）" || !remark {
		t.Errorf("from the 备注: %q from %q (备注 %v); want %q from 备注（说明）, a 备注", req, from, remark, shots)
	}
	if req, from, _ := source([][]string{{"指标编码", "责任单位", "截止日期", "材料要求"}, {"2.3.1", "市教育局", "2018-04-30", ""}}); req != "" || from != "" {
		t.Errorf("an emptied 材料要求: %q from %q; want neither", req, from)
	}
}

// TestHandWrittenRequirementSource: a requirement written on the board
// or sent to the API is kept as 手工填写's, a change that writes none
// keeps it, and clearing it clears its source.
func TestHandWrittenRequirementSource(t *testing.T) {
	_, s := newService(t)
	ctx := context.Background()
	add := func(req *string) (string, string) {
		t.Helper()
		task, err := s.Add(ctx, coordA, assignments.NewAssignment{City: hangzhou, Round: 2018, Indicator: "2.3.1", Department: "市教育局",
			Due: "2018-03-31", Requirement: req})
		if err != nil {
			t.Fatal(err)
		}
		return task.Requirement, task.RequirementSource
	}
	written, empty := "  终身学习卡发卡文件  ", ""
	if req, from := add(&written); req != "终身学习卡发卡文件" || from != assignments.RequirementByHand {
		t.Fatalf("written by hand: %q from %q, want 终身学习卡发卡文件 from 手工填写", req, from)
	}
	if req, from := add(nil); req != "终身学习卡发卡文件" || from != "手工填写" {
		t.Errorf("a change without a requirement: %q from %q, want both kept", req, from)
	}
	if req, from := add(&empty); req != "" || from != "" {
		t.Errorf("cleared: %q from %q, want neither", req, from)
	}
}

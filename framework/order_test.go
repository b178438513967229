package framework

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestSiblingsGoByCodeAsNumbers: a table sorted as text (1.1.10 before
// 1.1.2, 10 before 2) is imported in the order of its codes as numbers,
// the order every report, comparison and export then follows.
func TestSiblingsGoByCodeAsNumbers(t *testing.T) {
	xlsx := makeXLSX(t, [][]string{
		{"编码", "指标名称", "类型", "信息性质说明", "关键词"},
		{"1", "组织保障", "", "", ""},
		{"1.1", "规划与政策法规", "", "", ""},
		{"1.1.1", "出台决定", "定性", "政策文件", "决定"},
		{"1.1.10", "第十项", "定性", "政策文件", "第十"},
		{"1.1.2", "地方性法规", "定性", "法规文本", "条例"},
		{"10", "第十个领域", "", "", ""},
		{"10.1", "第十领域的二级指标", "", "", ""},
		{"10.1.1", "第十领域的关键指标", "定性", "文件", "十"},
		{"2", "终身学习体系建设", "", "", ""},
		{"2.1", "社区教育", "", "", ""},
		{"2.1.1", "社区教育网络", "定性", "文件", "社区教育"},
	})
	p, err := Parse("table.xlsx", xlsx, catalog.Framework{Name: "测试指标体系", Version: "1"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ind := range p.Indicators {
		got = append(got, ind.Code)
	}
	want := "1 1.1 1.1.1 1.1.2 1.1.10 2 2.1 2.1.1 10 10.1 10.1.1"
	if strings.Join(got, " ") != want {
		t.Errorf("order %q, want %q", strings.Join(got, " "), want)
	}
}

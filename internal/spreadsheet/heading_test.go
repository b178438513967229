package spreadsheet

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

var taskHeadings = map[string]string{"指标编码": "indicator", "指标": "indicator", "编码": "indicator", "责任单位": "department",
	"截止日期": "due", "联系人": "contact", "序号": "number", "文档编号": "document", "页码": "page"}

func TestFindHeading(t *testing.T) {
	need := []string{"indicator", "department", "due"}
	title := []string{"杭州市责任分解表", "杭州市责任分解表", "杭州市责任分解表", "杭州市责任分解表"}
	for _, tt := range []struct {
		name    string
		records [][]string
		weak    []string
		rows    int
		columns map[string]int
		found   bool
	}{
		{"on the first row", [][]string{{"指标编码", "责任单位", "截止日期"}, {"1.1.1", "市教育局", "2018-03-31"}},
			nil, 1, map[string]int{"indicator": 0, "department": 1, "due": 2}, true},
		{"under a title and an empty row, words marked and noted", [][]string{title, nil,
			{"序号", "*指标编码", "责任\n单位（牵头）", "截止日期（YYYY-MM-DD）：", "联系人"}, {"1", "1.1.1", "市教育局", "2018-03-31"}},
			nil, 3, map[string]int{"number": 0, "indicator": 1, "department": 2, "due": 3, "contact": 4}, true},
		{"two rows under a title and a 填报单位 line, merged cells filled", [][]string{title,
			{"填报单位：市学习办", "填报单位：市学习办", "填报日期：2018年1月15日", "填报日期：2018年1月15日"},
			{"指标", "指标", "责任单位", "截止日期"}, {"编码", "名称", "责任单位", "截止日期"}, {"1.1.1", "决定", "市教育局", "2018-03-31"}},
			nil, 4, map[string]int{"indicator": 0, "department": 2, "due": 3}, true},
		{"one row over data under a merged heading is one row", [][]string{
			{"指标", "指标", "责任单位", "截止日期"}, {"1.1.1", "决定", "市教育局", "2018-03-31"}},
			nil, 1, map[string]int{"indicator": 0, "department": 2, "due": 3}, true},
		{"a data value that is a heading's word is data", [][]string{
			{"指标编码", "责任单位", "截止日期", "备注"}, {"1.1.1", "市教育局", "2018-03-31", "页码"}},
			nil, 1, map[string]int{"indicator": 0, "department": 1, "due": 2}, true},
		{"a weak word only without a better one", [][]string{{"序号", "编码", "责任单位", "截止日期"}},
			[]string{"序号"}, 1, map[string]int{"number": 0, "indicator": 1, "department": 2, "due": 3}, true},
		{"merged down over two rows, repeated cell for cell", [][]string{title,
			{"指标编码", "责任单位", "截止日期"}, {"指标编码", "责任单位", "截止日期"}, {"1.1.1", "市教育局", "2018-03-31"}},
			nil, 3, map[string]int{"indicator": 0, "department": 1, "due": 2}, true},
		{"years under a heading merged across", [][]string{
			{"指标编码", "责任单位", "截止日期", "截止日期"}, {"指标编码", "责任单位", "2024年", "2025年"}, {"1.1.1", "市教育局", "2024-03-31", "2025-03-31"}},
			nil, 2, map[string]int{"indicator": 0, "department": 1, "due": 2}, true},
		{"none names them all: the one naming most", [][]string{title, {"指标编码", "部门"}, {"指标编码", "责任单位"}},
			nil, 3, map[string]int{"indicator": 0, "department": 1}, false},
		{"past the tenth row is no heading", append(slices.Repeat([][]string{{"说明"}}, MaxHeadingRow), []string{"指标编码", "责任单位", "截止日期"}),
			nil, 0, map[string]int{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			names := maps.Clone(taskHeadings)
			if tt.weak != nil {
				names["编码"] = "indicator"
				names["序号"] = "indicator"
				tt.columns["indicator"] = 1
				delete(tt.columns, "number")
			}
			h, found := FindHeading(tt.records, names, need, tt.weak...)
			if found != tt.found || found && h.Rows != tt.rows || !maps.Equal(h.Columns, tt.columns) {
				t.Errorf("heading %+v found %v, want rows %d columns %v found %v", h, found, tt.rows, tt.columns, tt.found)
			}
		})
	}
}

func TestHeadingKey(t *testing.T) {
	for in, want := range map[string]string{
		"指标编码": "指标编码", " 责任\n单位 ": "责任单位", "*截止日期（YYYY-MM-DD）": "截止日期", "联系人(电话)：": "联系人",
		"＊数值【%】": "数值", "Indicator": "indicator", "\ufeff指标": "指标", "（备注）": "（备注）",
	} {
		if got := HeadingKey(in); got != want {
			t.Errorf("HeadingKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsAside(t *testing.T) {
	for _, tt := range []struct {
		rec   []string
		aside bool
	}{
		{[]string{"一、组织领导", "一、组织领导", "一、组织领导"}, true},
		{[]string{"（二）学习资源"}, true},
		{[]string{"", "注：请按时上传。"}, true},
		{[]string{"填表人：王五", "", "审核人：赵六", "联系电话：0571-88888888"}, true},
		{[]string{"1", "1.1.1", "市教育局", "2018-03-31"}, false},
		{[]string{"", "1.1.1"}, false},
		{[]string{"注：见附件", "1.1.1", "市教育局"}, false},
		{nil, false},
	} {
		if got := IsAside(tt.rec); got != tt.aside {
			t.Errorf("IsAside(%q) = %v, want %v", tt.rec, got, tt.aside)
		}
	}
}

// TestReadFirstSheetFillsMergedCells: every cell of a merged range reads
// as its first cell, as a person sees the sheet; ranges past the rows read
// are cut to them.
func TestReadFirstSheetFillsMergedCells(t *testing.T) {
	data := buildXLSX(t, `<row r="1">`+cell("A1", "责任分解表")+`</row>`+
		`<row r="2">`+cell("A2", "指标")+cell("C2", "责任单位")+`</row>`+
		`<row r="3">`+cell("A3", "编码")+cell("B3", "名称")+`</row>`+
		`<row r="4">`+cell("A4", "1.1.1")+cell("C4", "市教育局")+`</row>`+
		`<row r="5">`+cell("A5", "1.1.2")+`</row>`,
		`<mergeCells count="4"><mergeCell ref="A1:C1"/><mergeCell ref="A2:B2"/><mergeCell ref="C2:C3"/><mergeCell ref="$C$4:$C$900"/></mergeCells>`)
	_, records, err := ReadFirstSheet(data, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"责任分解表", "责任分解表", "责任分解表"}, {"指标", "指标", "责任单位"}, {"编码", "名称", "责任单位"},
		{"1.1.1", "", "市教育局"}, {"1.1.2", "", "市教育局"}}
	if fmt.Sprint(records) != fmt.Sprint(want) {
		t.Errorf("records %q, want %q", records, want)
	}
}

// TestMergedCellsAreBounded: a sheet of more merged ranges than a table
// has, or of ranges laid over one another to be filled again and again,
// is refused with a message, at once.
func TestMergedCellsAreBounded(t *testing.T) {
	rows := rowsOf(1000, func(i int) string { return cell(fmt.Sprintf("A%d", i), "x") })
	for _, tt := range []struct {
		name   string
		merges int
		ref    func(i int) string
	}{
		{"too many", maxMerges + 1, func(i int) string { return fmt.Sprintf("A%d:B%d", i, i) }},
		{"laid over one another", 200, func(int) string { return "A1:IV1000" }},
	} {
		var b strings.Builder
		b.WriteString("<mergeCells>")
		for i := 1; i <= tt.merges; i++ {
			fmt.Fprintf(&b, `<mergeCell ref="%s"/>`, tt.ref(i))
		}
		b.WriteString("</mergeCells>")
		_, _, err := ReadFirstSheet(buildXLSX(t, rows, b.String()), 2000)
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "合并") {
			t.Errorf("%s: %v, want EINVALID about merged cells", tt.name, err)
		}
	}
}

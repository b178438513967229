package numread

import "testing"

// TestSpacedPoint: a decimal point OCR set apart by spaces is read joined
// where the text says it is one: spaces on both sides, or mid-sentence
// right after a character; an item's number at a line's start, after a
// clause mark, a bracket or a space (1. 50%以上的社区, 目标任务 3. 5个街道),
// a year after the point (3. 2016 年底) and a number written without
// spaces are not read here.
func TestSpacedPoint(t *testing.T) {
	tests := []struct {
		name, text string
		at         int
		want       string
	}{
		{"小数点两边的空格", "企业比例为87 . 6%", 5, "87.6"},
		{"句中小数点后的空格", "总额的1. 5% 至2. 5%", 3, "1.5"},
		{"至之后的区间上限", "总额的1. 5% 至2. 5%", 10, "2.5"},
		{"小数点前的空格", "参与市民达3 .2万人次", 5, "3.2"},
		{"行首两边都有空格", "87 . 6%的企业足额提取", 0, "87.6"},
		{"分句后两边都有空格", "比例：87 . 6%", 3, "87.6"},
		{"整数部分为零", "增长：0. 5%", 3, "0.5"},
		{"没有空格照原文", "企业比例为87.6%", 5, ""},
		{"行首条目编号后的百分数", "1. 50%以上的社区建有学校", 0, ""},
		{"冒号后条目编号后的百分数", "说明：2. 85%的市民参与", 3, ""},
		{"分句后的百分数也不连", "同比增长：3. 5%", 5, ""},
		{"年份前有空格", "计为已建3. 2016 年底", 4, ""},
		{"年份紧接年", "计为已建3. 2016年底", 4, ""},
		{"分号后的年份", "年报为准；3. 2016年底", 5, ""},
		{"两边空格也不连年份", "计为已建3 . 2016—2020年", 4, ""},
		{"年份区间", "计为已建3. 2016至2020年", 4, ""},
		{"不像年份的四位数照连", "总额为3. 2016万元", 3, "3.2016"},
		{"空格后的条目编号", "目标任务 3. 5个街道", 5, ""},
		{"括号后的条目编号", "（1. 5%以上）", 1, ""},
		{"行首条目编号", "2. 3项工作", 0, ""},
		{"换行后的条目编号", "共计：\n2. 3项工作", 4, ""},
		{"冒号后的条目编号", "说明：1. 社区", 3, ""},
		{"换行不是空格", "共计12 .\n3项", 2, ""},
	}
	for _, tt := range tests {
		if got, _ := SpacedPoint([]rune(tt.text), tt.at); got != tt.want {
			t.Errorf("%s: SpacedPoint(%q, %d) = %q, want %q", tt.name, tt.text, tt.at, got, tt.want)
		}
	}
}

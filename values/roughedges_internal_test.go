package values

import (
	"slices"
	"testing"
)

// TestRoughNumberEdges: a value typed against a passage that writes its
// number roughly is found, as a rough number, exactly where a Chinese
// reader takes that number to reach (README, 约数): 十几万 and 十多万 from
// 11万 up to but not 20万 (十几 is 11 to 19), 二十几万 from 21万, 三十多 from
// 31, 300多 more than 300, 一百几十 110 to 199; a percentage written
// roughly is a range of percentages (百分之三十多, 30%多, 30多%: 31% up to
// 40%; 三成多 more than 30% up to 40%; 近三成 25% up to 30%), and one
// written exactly (百分之三十二, 32.5%, 三成) is found as exact. 几十万 is too
// vague to hold any number.
func TestRoughNumberEdges(t *testing.T) {
	tests := []struct {
		passage, unit string
		value         float64
		found, rough  bool
	}{
		{"全年服务市民十几万人次", "人次", 150000, true, true},
		{"全年服务市民十几万人次", "人次", 110000, true, true},
		{"全年服务市民十几万人次", "人次", 199999, true, true},
		{"全年服务市民十几万人次", "人次", 100000, false, false},
		{"全年服务市民十几万人次", "人次", 200000, false, false},
		{"全年服务市民十几万人次", "人次", 250000, false, false},
		{"参与学习的市民十多万人", "人", 105000, false, false},
		{"参与学习的市民十多万人", "人", 120000, true, true},
		{"开户学习者十余万人", "人", 100000, false, false},
		{"开户学习者十余万人", "人", 110000, true, true},
		{"开设课程二十几万人次", "人次", 250000, true, true},
		{"开设课程二十几万人次", "人次", 210000, true, true},
		{"开设课程二十几万人次", "人次", 200000, false, false},
		{"开设课程二十几万人次", "人次", 300000, false, false},
		{"参与市民几十万人", "人", 300000, false, false},
		{"建成社区学校一百几十所", "个", 110, true, true},
		{"建成社区学校一百几十所", "个", 199, true, true},
		{"建成社区学校一百几十所", "个", 109, false, false},
		{"建成社区学校一百几十所", "个", 200, false, false},
		{"建成社区学校三十多所", "个", 30, false, false},
		{"建成社区学校三十多所", "个", 31, true, true},
		{"建成社区学校三十多所", "个", 39, true, true},
		{"建成社区学校三十多所", "个", 40, false, false},
		{"认定学习基地300多个", "个", 300, false, false},
		{"认定学习基地300多个", "个", 301, true, true},
		{"认定学习基地300多个", "个", 399, true, true},
		{"认定学习基地300多个", "个", 400, false, false},
		{"开设课程二十多万人次", "人次", 210000, true, true},
		{"开设课程二十多万人次", "人次", 200000, false, false},
		{"建成社区学校30多所", "个", 31, true, true},
		{"建成社区学校30多所", "个", 30, false, false},
		{"建成社区学校三百余所", "个", 300, false, false},
		{"建成社区学校三百余所", "个", 301, true, true},
		{"培训教师一百二十多人", "人", 120, false, false},
		{"培训教师一百二十多人", "人", 121, true, true},
		{"培训教师一百二十多人", "人", 130, false, false},
		{"建成社区学校一百几所", "个", 110, true, true},
		{"建成社区学校一百几所", "个", 105, false, false},
		{"参加培训一千几百人", "人", 1100, true, true},
		{"参加培训一千几百人", "人", 1099, false, false},
		{"参加培训一千几百人", "人", 2000, false, false},
		{"志愿者一万几人", "人", 11000, true, true},
		{"志愿者一万几人", "人", 10500, false, false},
		{"老年大学学员一万多人", "人", 10000, false, false},
		{"老年大学学员一万多人", "人", 10500, true, true},
		{"培训学员1.5万余人次", "人次", 15500, true, true},
		{"培训学员1.5万余人次", "人次", 15000, false, false},
		{"每年上万人次参加讲座", "人次", 10000, true, true},
		{"社区参与率达百分之三十多", "%", 32, true, true},
		{"社区参与率达百分之三十多", "%", 39.5, true, true},
		{"社区参与率达百分之三十多", "%", 30, false, false},
		{"社区参与率达百分之三十多", "%", 40, false, false},
		{"社区参与率达百分之三十几", "%", 35, true, true},
		{"社区参与率达30%多，位居全省前列", "%", 32, true, true},
		{"社区参与率达30多%，位居全省前列", "%", 32, true, true},
		{"三成多的社区达到创建标准", "%", 32, true, true},
		{"三成多的社区达到创建标准", "%", 30.5, true, true},
		{"三成多的社区达到创建标准", "%", 30, false, false},
		{"三成多的社区达到创建标准", "%", 40, false, false},
		{"近三成的家庭参与亲子共学", "%", 28, true, true},
		{"近三成的家庭参与亲子共学", "%", 25, true, true},
		{"近三成的家庭参与亲子共学", "%", 24, false, false},
		{"近三成的家庭参与亲子共学", "%", 30, false, false},
		{"三成社区达到创建标准", "%", 30, true, false},
		{"三成社区达到创建标准", "%", 32, false, false},
		{"社区参与率达百分之三十二", "%", 32, true, false},
		{"社区参与率达32.5%，位居全省前列", "%", 32.5, true, false},
		{"参与率30%多数为老年人", "%", 30, true, false},
	}
	for _, tt := range tests {
		at, found, _ := locateInPassage(tt.passage, "", tt.value, tt.value, tt.unit)
		if found != tt.found || found && at.Approx != tt.rough {
			t.Errorf("%v %s cited from %q: found %v (as %q, rough %v), want found %v, rough %v",
				tt.value, tt.unit, tt.passage, found, at.Text, at.Approx, tt.found, tt.rough)
		}
	}
	for _, text := range []string{"学习型城市建设不能一成不变。", "八成是因为宣传不够。", "三成员单位参与。", "设备七成新。", "九成九的市民满意。"} {
		if ns := FindNumbers(text); len(ns) > 0 {
			t.Errorf("FindNumbers(%q) = %v, want no share in tenths", text, ns)
		}
	}
}

// TestThousandsGroupedBySpaces: OCR and typesetting group a number's
// thousands with a space (normal, no-break, thin or figure): 1 200人 and
// 12 000人次 are one number each, as １，２００人 is; cells of a table row
// (parted by two spaces or the ideographic space) and a bare pair of
// numbers with no unit after them stay two numbers, and so does a line
// break between digits.
func TestThousandsGroupedBySpaces(t *testing.T) {
	tests := []struct {
		text string
		want []float64
	}{
		{"全年培训学员1 200人。", []float64{1200}},
		{"全年培训学员12 000人次。", []float64{12000}},
		{"全年培训学员12\u2009000人次。", []float64{12000}},
		{"全年培训学员12\u202f000人次。", []float64{12000}},
		{"全年培训学员12\u00a0000人次。", []float64{12000}},
		{"投入经费1 234 567元。", []float64{1234567}},
		{"投入经费1 200万元。", []float64{12000000}},
		{"全年培训学员１，２００人。", []float64{1200}},
		{"全年培训学员1 200多人。", []float64{1200}},
		{"2023年 1 200人参加", []float64{2023, 1200}},
		{"社区学校  12  120", []float64{12, 120}},
		{"社区学校 12  120人", []float64{12, 120}},
		{"社区学校\u300012\u3000120人", []float64{12, 120}},
		{"社区学校 12 120", []float64{12, 120}},
		{"全年培训学员1\n200人。", []float64{1, 200}},
		{"学员 1 20人", []float64{1, 20}},
		{"12 000", []float64{12000}},
	}
	for _, tt := range tests {
		if got := valuesIn(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("FindNumbers(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	for passage, v := range map[string]float64{"全年培训学员1 200人": 200, "全年培训学员12 000人次": 12} {
		if found, _ := findInPassage(passage, "", v, v, "人"); found {
			t.Errorf("%v found in %q: a group of a number's thousands is no number of its own", v, passage)
		}
	}
	if found, _ := findInPassage("全年培训学员12 000人次", "", 12000, 12000, "人次"); !found {
		t.Errorf("12000 人次 not found in 12 000人次")
	}
	if n, err := ParseNumber("12 000"); err != nil || n.Value != 12000 {
		t.Errorf("ParseNumber(12 000) = %v, %v; want 12000", n.Value, err)
	}
}

// valuesIn is the value of every number FindNumbers reads in text, in
// order.
func valuesIn(text string) []float64 {
	var got []float64
	for _, n := range FindNumbers(text) {
		got = append(got, n.Value)
	}
	return got
}

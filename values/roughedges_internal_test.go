package values

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestRoughNumberEdges: a value typed against a passage that writes its
// number roughly is found, as a rough number, exactly where a Chinese
// reader takes that number to reach (README, 约数): 十几万 from 11万 up to
// but not 20万 (十几 is 11 to 19), 十多万 and 十余万 more than 10万 (10.5万
// is in them), 十万多 more than 10万 under 11万, 二十几万 from 21万, 三十多所
// from 31, 300多 more than 300, 一百几十 110 to 199; a percentage written
// roughly is a range of percentages (百分之三十多, 30%多, 30多%, 三成多: more
// than 30% up to 40%; 近三成 25% up to 30%), and one written exactly
// (百分之三十二, 32.5%, 三成; 百分之三十多数… is 30%) is found as exact.
// 几十万 is 20万 up to 100万 (几 is two to nine); 两成半, 3成5 and 9成9 are finer
// shares, not read.
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
		{"参与学习的市民十多万人", "人", 100000, false, false},
		{"参与学习的市民十多万人", "人", 105000, true, true},
		{"全年服务市民十几万人次", "人次", 105000, false, false},
		{"全市学习者十万多人", "人", 105000, true, true},
		{"全市学习者十万多人", "人", 100000, false, false},
		{"全市学习者十万多人", "人", 110000, false, false},
		{"参与学习的市民十多万人", "人", 120000, true, true},
		{"开户学习者十余万人", "人", 100000, false, false},
		{"开户学习者十余万人", "人", 110000, true, true},
		{"开户学习者十余万人", "人", 105000, true, true},
		{"开设课程二十几万人次", "人次", 250000, true, true},
		{"开设课程二十几万人次", "人次", 210000, true, true},
		{"开设课程二十几万人次", "人次", 200000, false, false},
		{"开设课程二十几万人次", "人次", 300000, false, false},
		{"参与市民几十万人", "人", 300000, true, true},
		{"参与市民几十万人", "人", 150000, false, false},
		{"参与市民数十万人", "人", 1000000, false, false},
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
		{"开设课程二十多万人次", "人次", 205000, true, true},
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
		{"社区参与率达百分之三十多", "%", 30.5, true, true},
		{"社区参与率达30%多，位居全省前列", "%", 30.5, true, true},
		{"社区参与率达30%多，位居全省前列", "%", 30, false, false},
		{"社区参与率达30多%，位居全省前列", "%", 30.5, true, true},
		{"社区参与率达30多%，位居全省前列", "%", 30, false, false},
		{"参与率百分之三十多数为老年人", "%", 30, true, false},
		{"参与率百分之三十多数为老年人", "%", 31, false, false},
		{"两成半的社区达到创建标准", "%", 20, false, false},
		{"两成半的社区达到创建标准", "%", 25, false, false},
		{"3成5的社区达到创建标准", "%", 30, false, false},
		{"9成9的市民表示满意", "%", 90, false, false},
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
	for _, text := range []string{"学习型城市建设不能一成不变。", "八成是因为宣传不够。", "三成员单位参与。", "设备七成新。", "九成九的市民满意。", "两成半的社区达标。", "三成半的社区达标。"} {
		if ns := FindNumbers(text); len(ns) > 0 {
			t.Errorf("FindNumbers(%q) = %v, want no share in tenths", text, ns)
		}
	}
	// Digits after 成 make it a finer share, not read: 3 and 5 are
	// numbers, but no 30% is.
	for _, text := range []string{"3成5的社区达标。", "9成9的市民满意。"} {
		for _, n := range FindNumbers(text) {
			if n.Percent {
				t.Errorf("FindNumbers(%q) reads %q as a share", text, n.Text)
			}
		}
	}
}

// TestThousandsGroupedBySpaces: stored text (extract.Normalize) makes
// every space one, so it cannot tell a space grouping a number's
// thousands (1 200人, with a space, a no-break, thin or figure space) from
// one between two cells of a table row (社区学校　12　120人 from a PDF, 学员
// and a tab from a docx). One space between digits is read both ways:
// the joined number and each group, and a value found in either is found
// with a note to check which (Number.Spaced, SpacedNote). Not after a
// label (表1 200人 is table 1 and 200人), nor when no unit follows (12
// 120 may be two cells). A line break inside the digits (a PDF's line
// wrap: 1\n200人) is read so too, as the index reads it (numread).
func TestThousandsGroupedBySpaces(t *testing.T) {
	tests := []struct {
		raw, unit string
		value     float64
		found     bool
		spaced    string // the note's digits; "" for no note
	}{
		{"全年培训学员1 200人。", "人", 1200, true, "1 200"},
		{"全年培训学员1 200人。", "人", 200, true, "1 200"},
		{"全年培训学员12\u2009000人次。", "人次", 12000, true, "12 000"},
		{"全年培训学员12\u202f000人次。", "人次", 12000, true, "12 000"},
		{"全年培训学员12\u00a0000人次。", "人次", 12000, true, "12 000"},
		{"投入经费1 234 567元。", "元", 1234567, true, "1 234 567"},
		{"投入经费1 200万元。", "万元", 1200, true, "1 200"},
		{"投入经费12 345.6万元。", "万元", 12345.6, true, "12 345.6"},
		{"社区学校\u300012\u3000120人", "人", 12120, true, "12 120"},
		{"社区学校\u300012\u3000120人", "人", 120, true, "12 120"},
		{"学员\t1\t200人", "人", 200, true, "1 200"},
		{"学员\t1\t200人", "人", 1200, true, "1 200"},
		{"社区学校  12  120人", "人", 120, true, "12 120"},
		{"全年培训学员１，２００人。", "人", 1200, true, ""},
		{"表1 200人参加", "人", 200, true, ""},
		{"表1 200人参加", "人", 1200, false, ""},
		{"图2 120所", "个", 2120, false, ""},
		{"附件1 100个", "个", 1100, false, ""},
		{"序号1 120所", "个", 1120, false, ""},
		{"第1 200名", "人", 1200, false, ""},
		{"全年培训学员1\n200人。", "人", 1200, true, "1\n200"},
		{"全年培训学员1\n200人。", "人", 200, true, "1\n200"},
		{"见表1\n200人。", "人", 1200, false, ""},
		{"社区学校12 120", "个", 12120, false, ""},
		// A number read without doubt elsewhere in the passage wins.
		{"学员1 200人，其中200人为老年人", "人", 200, true, ""},
	}
	for _, tt := range tests {
		passage := extract.Normalize(tt.raw)
		at, found, _ := locateInPassage(passage, "", tt.value, tt.value, tt.unit)
		if found != tt.found || found && at.Spaced != tt.spaced {
			t.Errorf("%v %s in %q (stored %q): found %v, spaced %q; want %v, %q", tt.value, tt.unit, tt.raw, passage, found, at.Spaced, tt.found, tt.spaced)
		}
	}
	if got := SpacedNote("12 120"); got.Chinese != "引文中的“12 120”可能是千位以空格分组的12120，也可能是表格中相邻的12和120；请核对" ||
		!strings.Contains(got.English, "12120") || !strings.Contains(got.English, "12 and 120") {
		t.Errorf("SpacedNote(12 120) = %+v", got)
	}
	for typed, want := range map[string]float64{"12 000": 12000, "1 200.5": 1200.5, "１２　０００": 12000} {
		if n, err := ParseNumber(typed); err != nil || n.Value != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", typed, n.Value, err, want)
		}
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

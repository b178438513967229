package values

import (
	"slices"
	"testing"
)

// TestChineseNumeralsStandAsNumbers: in sentences as work summaries
// write them, Chinese numerals are read as a number only where they
// stand as one (followed by a measure word or unit, or a full numeral at
// the end of a clause), and words and vague quantities made of numerals
// (十分重视, 一定, 统一, 万一, 一些, 一线, 第三届, 近百, 成千上万, 三五成群)
// give no number; 数十万 and 几百 are rough ones (TestNumbersReadAsSearched). 百分之百 is 100%. (上万人次 is a rough number,
// at least 1万: TestRoughNumbers.)
func TestChineseNumeralsStandAsNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []float64 // every number found, in order
	}{
		// Words: no number.
		{"市委市政府十分重视学习型城市建设工作。", nil},
		{"取得了一定成效，社区教育覆盖面进一步扩大。", nil},
		{"召开专题会议，统一思想，明确任务分工。", nil},
		{"万一遇到特殊情况，由市学习办统筹协调。", nil},
		{"部分街道还存在一些薄弱环节。", nil},
		{"推出十大“学习港”，形成了“一线十港”的学习风景线。", nil},
		{"坚持一线工作法，深入一线调研。", nil},
		{"按照“关键指标”栏一一对应“信息性质说明”栏。", nil},
		{"各部门三五成群开展交流，工作千方百计推进。", nil},
		{"学习型城市建设涉及城市管理与发展的方方面面，是长期任务之一。", nil},
		{"通过第三方监测，举办第十二届全民终身学习活动周。", nil},
		{"上一轮监测以来，每一个指标点都有佐证材料。", nil},
		{"建立市、区、街道、社区四级社区教育网络，实行两级统筹、三级管理。", nil},
		{"推行一站式服务，实现城乡一体化。", nil},
		{"“十三五”期间，学习型城市建设纳入党的十八大以来的重点工作。", nil},
		{"（三）加强队伍建设。一是完善制度，二是强化考核。", nil},
		// Vague quantities: no number.
		{"全市数十万市民参与线上学习。", []float64{200000}},
		{"每年举办几百场讲座，近十万人次参加。", []float64{200, 50000}}, // 近十万: rough, under 100000
		{"大多数十分满意。", nil},
		{"开展专题体验活动近百次，吸引成千上万的市民。", nil},
		{"参与人数十有八九来自社区。", nil},
		// Numbers that stand as numbers.
		{"全市共建有社区大学一所，社区学院十三所。", []float64{1, 13}},
		{"由三十五个委办局和社会团体组成，并设立六个分委会。", []float64{35, 6}},
		{"全年培训一万二千人，其中老年学员三千五百名。", []float64{12000, 3500}},
		{"市民参与学习活动十二万人次。", []float64{120000}},
		{"建成社区学校三十余所，开设课程二百多门。", []float64{31, 200}},
		{"全市学分银行开户学习者达一万二千。", []float64{12000}},
		{"十万市民走进终身学习大讲堂。", []float64{100000}},
		{"学习者达一万二千以上。", []float64{12000}},
		{"《杭州市社区教育五年行动计划》于二〇一〇年印发。", []float64{5, 2010}},
		{"教育部等七部门联合发文，共收集佐证材料三百四十二份。", []float64{7, 342}},
		{"区（村）社区教育机构普及率达到百分之百。", []float64{100}},
		{"成人年参与学习率为百分之五十六点五。", []float64{56.5}},
		{"由一名负责人专门负责，选派两位专家。", []float64{1, 2}},
		{"全市共有学分银行开户学习者十万余人，社区学校一百二十所以上。", []float64{100000, 120}},
		{"社区教育专职教师一千零八十六人，平均年龄四十二岁。", []float64{1086, 42}},
		// A full numeral with a multiplier stands as a number before any
		// measure word, or none; a digit before 批 does too.
		{"全年发放学习卡三千张，为社区学校配备电脑二百台。", []float64{3000, 200}},
		{"开设微课三百二十集，举办讲座一百讲，组建志愿者服务队十二组。", []float64{320, 100, 12}},
		{"社区教育覆盖全市十三区县，建成三百社区学校。", []float64{13, 300}},
		{"全市社区学校三百余。学习者达一百二十的街道逐年增加。", []float64{300, 120}},
		{"共认定三批市民终身学习基地，其中两批已复评。", []float64{3, 2}},
		// The 数 of 人数 is a count's, not the vague 数 of 数十万.
		{"参与学习人数十万人次，线上学习人数百万人次。", []float64{100000, 1e6}},
	}
	for _, tt := range tests {
		if got := valuesIn(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("FindNumbers(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if n, err := ParseNumber("百分之百"); err != nil || n.Value != 100 || !n.Percent {
		t.Errorf("ParseNumber(百分之百) = %v (percent %v), %v; want 100%%", n.Value, n.Percent, err)
	}
	for _, word := range []string{"十分", "一些", "数十万", "第三"} {
		if n, err := ParseNumber(word); err == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", word, n.Value)
		}
	}
}

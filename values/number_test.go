package values

import "testing"

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		percent bool
	}{
		{"123000", 123000, false},
		{"12.3万", 123000, false},
		{"1,234", 1234, false},
		{"1,234,567.5", 1234567.5, false},
		{"1.2亿", 120000000, false},
		{"１２３", 123, false},
		{"１２．５万", 125000, false},
		{"１，２３４", 1234, false},
		{"85.3%", 85.3, true},
		{"85.3％", 85.3, true},
		{"百分之十二", 12, true},
		{"百分之85.3", 85.3, true},
		{"十二", 12, false},
		{"一百二十三", 123, false},
		{"一百零五", 105, false},
		{"一万二千", 12000, false},
		{"三点五", 3.5, false},
		{"一点二亿", 120000000, false},
		{"二〇一八", 2018, false},
		{"两千", 2000, false},
		{"3千", 3000, false},
		// Half in Arabic digits, financial numerals, traditional forms.
		{"1万2千", 12000, false},
		{"1万2千5百", 12500, false},
		{"3亿5千万", 350000000, false},
		{"12万3千", 123000, false},
		{"壹万贰仟", 12000, false},
		{"贰拾", 20, false},
		{"壹佰贰拾叁", 123, false},
		{"一萬兩千", 12000, false},
		{"两萬", 20000, false},
		{"3十", 30, false},
		{"5‰", 0.5, true},
		// A value that fell: a negative growth rate.
		{"-5", -5, false},
		{"-2.3%", -2.3, true},
		{"－２．３％", -2.3, true},
		{"\u22121.5万", -15000, false},
		{"负百分之三", -3, true},
		{"负2.3%", -2.3, true},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if err != nil {
			t.Errorf("ParseNumber(%q): %v", tt.in, err)
			continue
		}
		if !same(got.Value, tt.want) || got.Percent != tt.percent {
			t.Errorf("ParseNumber(%q) = %v (percent %v), want %v (percent %v)", tt.in, got.Value, got.Percent, tt.want, tt.percent)
		}
	}
	for _, bad := range []string{"", "abc", "12 人", "1,2", "百", "约12万左右", "--5", "5-", "陆", "拾", "1万2", "1千2万", "伍一千", "陆陆"} {
		if n, err := ParseNumber(bad); err == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", bad, n.Value)
		}
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		text string
		v    float64
		want bool
	}{
		{"全年参与学习人数达12.3万人次。", 123000, true},
		{"全市共有学习基地１２３个", 123, true},
		{"投入经费1,234万元", 12340000, true},
		{"投入经费1,234万元", 1234, false}, // the number written is 1234万, not 1234
		{"成人年参与学习率达到85.3%", 85.3, true},
		{"达标比例为百分之十二", 12, true},
		{"共举办三百四十二场", 342, true},
		{"全年培训一万二千人", 12000, true},
		{"全年培训一万两千人", 12000, true},
		{"全年培训1万2千人次", 12000, true},
		{"全年培训1万2千人次", 10000, false},
		{"全年培训1万2千人次", 2000, false},
		{"经费壹万贰仟元", 12000, true},
		{"全年十二万人次参加", 120000, true},
		{"全市十一万二千人参加", 12000, false},
		{"陆续开展活动", 6, false},
		// Financial numerals inside words next to common ones.
		{"志愿者队伍十二支", 12, true},
		{"志愿者队伍十二支", 52, false},
		{"教师队伍十万人", 100000, true},
		{"教师队伍十万人", 500000, false},
		{"登陆十万次", 100000, true},
		{"登陆十万次", 600000, false},
		{"陆陆续续开展活动", 66, false},
		{"三四十人", 40, true},
		{"三四十人", 340, false},
		{"经费壹万零伍佰元", 10500, true},
		{"覆盖率达到85.3%", 85.4, false},
		{"2017年共举办342场大讲堂", 342, true},
		{"2017年共举办342场大讲堂", 2017, true},
		{"总人口1.2亿", 120000000, true},
		{"1，234名志愿者", 1234, true},
		{"社区教育经费增长率为-2.3%", -2.3, true},
		{"社区教育经费增长率为-2.3%", 2.3, false},
		{"2016-2020年规划", -2020, false}, // a range, not a minus
		{"2016-2020年规划", 2020, true},
		{"较上年下降，增幅为负百分之一点五", -1.5, true},
	}
	for _, tt := range tests {
		if got := Contains(tt.text, tt.v); got != tt.want {
			t.Errorf("Contains(%q, %v) = %v, want %v (numbers found: %v)", tt.text, tt.v, got, tt.want, FindNumbers(tt.text))
		}
	}
}

// TestScaledNumbersAreExact: a number scaled by 万 or 亿 is the number a
// person means, exactly, since the report and the API show it as stored:
// 1.1亿 is 110000000, not 110000000.00000001.
func TestScaledNumbersAreExact(t *testing.T) {
	for in, want := range map[string]float64{"1.1亿": 110000000, "0.07万": 700, "4.35万": 43500, "1,234.56万": 12345600,
		"2.01万": 20100, "一点一亿": 110000000, "三点三万": 33000, "零点零七万": 700} {
		got, err := ParseNumber(in)
		if err != nil || got.Value != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want exactly %v", in, got.Value, err, want)
		}
	}
}

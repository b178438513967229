package zh

import (
	"slices"
	"strings"
	"testing"
)

func TestValues(t *testing.T) {
	tests := []struct {
		text string
		want []string // each number as written = its value
	}{
		{"培训12000人次,经费12,000元", []string{"12000=12000", "12,000=12000"}},
		{"线上学习1.2万人,注册1.20万个", []string{"1.2万=12000", "1.20万=12000"}},
		{"生产总值1.2万亿元,人口12000万人", []string{"1.2万亿=1200000000000", "12000万=120000000"}},
		{"全年培训一万二千人,1万2千人次", []string{"一万二千=12000", "1万2千=12000"}},
		// At the end of a clause too, but no lone 十, share or code.
		{"参与人数达一万二千。共两万", []string{"一万二千=12000", "两万=20000"}},
		// A percentage's value is its number and sign (82% finds 百分之
		// 八十二); its number alone is none.
		{"满分为十。百分之七十二,二十A", []string{"百分之七十二=72%"}},
		{"占比3.5%,共0.5万人", []string{"3.5%=3.5%", "0.5万=5000"}},
		{"比例82％,覆盖率百分之三十二点五,百分之五,百分之三十多", []string{"82％=82%", "百分之三十二点五=32.5%", "百分之五=5%"}},
		// No value: years, codes, serials, leading zeros, lists, versions.
		{"2023年,2021-2025年,二〇二四年", nil},
		{"通过ISO9001认证,5A级景区", nil},
		{"第12期,区号0574", nil},
		{"第1,2项,版本1.2.3", nil},
		{"共" + strings.Repeat("9", 100) + "人", nil},
		// No value: labels in Chinese numerals, headings and congresses.
		{"十二、工作措施", nil},
		{"（十二）保障措施", nil},
		{"(十二)保障", nil},
		{"十二．附则", nil},
		{"学习党的二十大精神", nil},
		{"十九届四中全会", nil},
		// Four digits before a unit but 年 are a count, no year.
		{"共2000人,投入1998元,2050名", []string{"2000=2000", "1998=1998", "2050=2050"}},
		{"2023。2023年", nil},
		// A rough number with its 万 after 多, 余 or 几 holds no value:
		// the 十 of 十多万 is not 10, nor the 300 of 300多万 300.
		{"参与市民十多万人,学员十余万人,投入300多万元,二十几万人次", nil},
		// Nor without a 万 after it: 三十多所 is 31 to 39, as values
		// reads it (TestValuesReadAsValuesDoes).
		{"建成社区学校三十多所,学员一万多人,300余名", nil},
	}
	for _, tt := range tests {
		rs := []rune(tt.text)
		var got []string
		for _, v := range Values(rs) {
			got = append(got, string(rs[v.Start:v.End])+"="+v.Number)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Values(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestValuesOfBareChineseCounts: Chinese numerals with a multiplier or
// a point that end a clause, before 。，；：、 a bracket or the end of the
// text, hold their value as a count before its unit does, so that
// 1000000 and 100万 find 一百万; so do those in a list of figures (一百万、
// 二百万) or in brackets, which a heading never numbers so (label). Not
// values: headings and congresses numbered under a hundred, serials,
// numerals digit by digit, vague or rough ones, 万一, 三四十, a lone 十,
// numerals in a word (十一五), and a figure a word bounds (超过一百万: a
// 约数, found only as written).
func TestValuesOfBareChineseCounts(t *testing.T) {
	tests := []struct {
		text string
		want []string // each number as written = its value
	}{
		{"全市终身学习总人次一百万。", []string{"一百万=1000000"}},
		{"总人次达一百万；学员一点五万：投入一亿", []string{"一百万=1000000", "一点五万=15000", "一亿=100000000"}},
		{"总人次达一百二十三万四千，同比增长", []string{"一百二十三万四千=1234000"}},
		{"培训人次分别为一百万、二百万和三百万。", []string{"一百万=1000000", "二百万=2000000", "三百万=3000000"}},
		{"书目三千、五千、一万不等", []string{"三千=3000", "五千=5000", "一万=10000"}},
		{"（其中线上一点五万）", []string{"一点五万=15000"}},
		{"（一百万）", []string{"一百万=1000000"}},
		{"达到壹佰万。", []string{"壹佰万=1000000"}},
		{"读书一百。", []string{"一百=100"}},
		// Headings and congresses stay labels.
		{"二十、附则", nil},
		{"九十九、其他", nil},
		{"（二十）附则", nil},
		{"党的二十大", nil},
		{"十九届", nil},
		// A list of a hundred items or more: its headings at a line's or
		// a clause's start are labels too, a list's figures stay values.
		{"九十九、其他\n一百、组织保障\n一百零一、附则", nil},
		{"建设要求如下。一百二十、经费保障", nil},
		{"（一百）其他事项", nil},
		{"入选书目分别为：一百、二百、三百", []string{"一百=100", "二百=200", "三百=300"}},
		{"一百、二百和三百不等", []string{"一百=100", "二百=200", "三百=300"}},
		{"一百万、保障", []string{"一百万=1000000"}},
		// No number at all.
		{"第一百二十期。", nil},
		{"二〇二四。", nil},
		{"几十万。数十。成百上千。", nil},
		{"万一。", nil},
		{"三四十。", nil},
		{"满分为十。", nil},
		{"“十一五”期间", nil},
		{"总人次超过一百万。", nil},
	}
	for _, tt := range tests {
		rs := []rune(tt.text)
		var got []string
		for _, v := range Values(rs) {
			got = append(got, string(rs[v.Start:v.End])+"="+v.Number)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Values(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestBareValue(t *testing.T) {
	tests := []struct {
		word, want string // "" when the word is no bare number
	}{
		{"12000", "12000"},
		{"12,000", "12000"},
		{"1.2万", "12000"},
		{"一万二千", "12000"},
		{"两千零二十三", "2023"},
		{"0.5", "0.5"},
		{"2023", ""},
		{"12000人", ""},
		{"十", ""},
		{"万一", ""},
		{"二〇二三", ""},
		{"ISO9001", ""},
	}
	for _, tt := range tests {
		got, ok := BareValue(tt.word)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("BareValue(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}
}

func TestUnitNotNext(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"12000人", "次"},
		{"1.2万人", "次"},
		{"一万二千人", "次"},
		{"12000余人", "次"},
		{"120户", "次"},
		{"342场", ""}, // 342场次 is 342场
		{"12课", "时"},
		{"1.2万", "亿"},
		{"12000人次", ""},
		{"12000元", ""},
		{"老年人", ""},
		{"个人", ""},
	}
	for _, tt := range tests {
		if got := UnitNotNext(tt.word); got != tt.want {
			t.Errorf("UnitNotNext(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestBigramsValueTokens: the n-gram tokens of a text hold each number's
// value once, spanning the number as written.
func TestBigramsValueTokens(t *testing.T) {
	text := "全年培训1.2万人,12000人次 5 一万二千人"
	var got []string
	for _, tok := range Bigrams([]byte(text), false) {
		if strings.HasPrefix(string(tok.Term), "#=") {
			got = append(got, text[tok.Start:tok.End]+string(tok.Term))
		}
	}
	want := []string{"1.2万#=12000", "12000#=12000", "5#=5", "一万二千#=12000"}
	if !slices.Equal(got, want) {
		t.Errorf("value tokens of %q = %q, want %q", text, got, want)
	}
	for _, tok := range Bigrams([]byte("12000"), true) {
		if strings.HasPrefix(string(tok.Term), "#") {
			t.Errorf("a query word has the token %q", tok.Term)
		}
	}
}
